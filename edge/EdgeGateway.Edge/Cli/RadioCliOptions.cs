using System.CommandLine;
using EdgeGateway.Edge.Scanning;

namespace EdgeGateway.Edge.Cli;

/// <summary>The options that pick the radio (`scan`, `beacon`): user channel, UART or the emulator, and turn them into <see cref="ScanningOptions"/>.</summary>
internal sealed class RadioCliOptions
{
    public Option<int?> HciDev { get; } = new("--hci-dev") { Description = "use hciN through the Linux HCI user channel (default 0; the device must be down)" };

    public Option<string?> Serial { get; } = new("--serial") { Description = "use an H4 UART controller at this serial device, e.g. /dev/ttyAMA0" };

    public Option<int> Baud { get; } = new("--baud") { Description = "UART speed for --serial", DefaultValueFactory = _ => 115_200 };

    public Option<bool> NoFlow { get; } = new("--no-rtscts") { Description = "disable RTS/CTS flow control on the UART" };

    public Option<bool> Simulate { get; } = new("--simulate") { Description = "use the emulated controller's virtual shop instead of a radio" };

    public Option<int> Beacons { get; } = new("--beacons") { Description = "virtual beacons with --simulate", DefaultValueFactory = _ => 40 };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(HciDev);
        command.Options.Add(Serial);
        command.Options.Add(Baud);
        command.Options.Add(NoFlow);
        command.Options.Add(Simulate);
        command.Options.Add(Beacons);
    }

    /// <summary>The chosen radio, or a one-line usage problem.</summary>
    public (ScanningOptions? Options, string? Problem) Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var chosen = (result.GetValue(HciDev) is null ? 0 : 1) + (result.GetValue(Serial) is null ? 0 : 1) + (result.GetValue(Simulate) ? 1 : 0);
        if (chosen > 1)
        {
            return (null, "choose one of --hci-dev, --serial and --simulate");
        }

        var options = new ScanningOptions
        {
            Transport = result.GetValue(Simulate) ? RadioTransport.Simulate
                : result.GetValue(Serial) is not null ? RadioTransport.Serial
                : RadioTransport.HciUserChannel,
            HciDevice = result.GetValue(HciDev) ?? 0,
            SerialPort = result.GetValue(Serial),
            Baud = result.GetValue(Baud),
            RtsCts = !result.GetValue(NoFlow),
            SimulatedBeacons = result.GetValue(Beacons),
        };
        var problems = options.Problems();
        return problems.Count > 0 ? (null, problems[0]) : (options, null);
    }
}
