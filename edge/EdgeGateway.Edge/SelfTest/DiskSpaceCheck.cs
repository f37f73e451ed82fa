using System.Globalization;
using EdgeGateway.Edge.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.SelfTest;

/// <summary>The data directory exists, is writable, and its filesystem has room for the offline backlog.</summary>
public sealed class DiskSpaceCheck(IOptions<GatewayOptions> options) : ISelfTestCheck
{
    public const long MinimumFreeBytes = 64L * 1024 * 1024;

    public string Name => "disk";

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.DataDirectory;
        if (!Directory.Exists(directory))
        {
            return new SelfTestResult(Name, SelfTestVerdict.Fail, $"data directory {directory} does not exist",
                $"create it: sudo install -d -o edgegw -g edgegw {directory}");
        }

        var probe = Path.Combine(directory, $".selftest-{Environment.ProcessId}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SelfTestResult(Name, SelfTestVerdict.Fail, $"cannot write to {directory}: {ex.Message}",
                "check the directory's owner and free space (df -h), and that the SD card is not read-only");
        }

        var free = new DriveInfo(directory).AvailableFreeSpace;
        var freeText = string.Create(CultureInfo.InvariantCulture, $"{free / (1024.0 * 1024):0} MiB free in {directory}");
        return free < MinimumFreeBytes
            ? new SelfTestResult(Name, SelfTestVerdict.Fail, freeText,
                "free space on the SD card (journalctl --vacuum-size=50M, remove old files) or use a larger card")
            : new SelfTestResult(Name, SelfTestVerdict.Pass, freeText);
    }
}
