using System.Text.Json;
using EdgeGateway.Edge.Hosting;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Commands;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// Cloud command `nfc.write-url` {url, waitSeconds?}: encode the URL on the next tag presented to the
/// reader (a shelf tag being set up, or a bridge action's entry link) and answer with the tag written.
/// </summary>
public sealed class WriteUrlCommand(NfcWriteJobs jobs) : ICommandHandler
{
    public const string CommandName = NfcCommandNames.WriteUrl;
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

    public string Name => CommandName;

    public async ValueTask<JsonElement?> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Args is not { ValueKind: JsonValueKind.Object } args || !args.TryGetProperty("url", out var urlElement) ||
            urlElement.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException("args.url (string) is required");
        }

        var url = urlElement.GetString()!;
        if (!NfcWriteJobs.IsWritableUrl(url, out var reason))
        {
            throw new ArgumentException(reason);
        }

        var wait = args.TryGetProperty("waitSeconds", out var w) && w.TryGetInt32(out var seconds) && seconds is > 0 and <= 600
            ? TimeSpan.FromSeconds(seconds)
            : DefaultWait;
        var result = await jobs.WriteUrlAsync(url, wait, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException(result.Error ?? "the write failed");
        }

        return JsonSerializer.SerializeToElement(result, EdgeJsonContext.Default.NfcWriteResult);
    }
}
