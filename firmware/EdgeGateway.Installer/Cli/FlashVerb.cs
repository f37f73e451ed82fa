using System.CommandLine;
using EdgeGateway.Installer.Flashing;

namespace EdgeGateway.Installer.Cli;

/// <summary>`gatewayctl flash`: write the gateway's OS image to an SD card (or an image file), with progress and read-back verification.</summary>
internal static class FlashVerb
{
    public static Command Create()
    {
        var image = new Option<string?>("--image") { Description = "OS image: .img, .img.xz (as Raspberry Pi OS ships), .img.gz or .zip" };
        var bundle = new Option<string?>("--bundle") { Description = "bundle directory holding one OS image listed in its manifest.sha256 (checked first)" };
        var device = new Option<string?>("--device") { Description = "the card's whole device, e.g. /dev/sdb or /dev/mmcblk0 (refused when not removable, mounted or the system disk)" };
        var outputFile = new Option<string?>("--output") { Description = "write to this image file instead of a card" };
        var yes = new Option<bool>("--yes") { Description = "do not ask before erasing the device (for scripts; check the device first)" };
        var command = new Command("flash", "Write an OS image to an SD card or an image file, with a progress bar and read-back verification")
        {
            image, bundle, device, outputFile, yes,
        };
        command.SetAction((result, ct) => CliErrors.RunAsync(result.InvocationConfiguration.Error, async () =>
        {
            var runner = new FlashRunner(result.InvocationConfiguration.Output, Console.In, !Console.IsInputRedirected && !Console.IsOutputRedirected, new DiskInspector());
            await runner.RunAsync(new FlashRequest(result.GetValue(image), result.GetValue(bundle), result.GetValue(device), result.GetValue(outputFile), result.GetValue(yes)), ct);
            return 0;
        }));
        return command;
    }
}
