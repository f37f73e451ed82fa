using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Edge.Scanning;

/// <summary>Configuration section `Scanning`: where the radio is and how it scans.</summary>
public sealed class ScanningOptions
{
    public const string SectionName = "Scanning";

    public RadioTransport Transport { get; set; } = RadioTransport.HciUserChannel;

    /// <summary>N of hciN for the user channel.</summary>
    public int HciDevice { get; set; }

    /// <summary>Serial device for H4, e.g. /dev/ttyAMA0 or /dev/ttyUSB0.</summary>
    public string? SerialPort { get; set; }

    public int Baud { get; set; } = 115_200;

    /// <summary>RTS/CTS hardware flow control on the UART.</summary>
    public bool RtsCts { get; set; } = true;

    /// <summary>Active scanning sends scan requests (and so transmits); passive only listens, which is all beacons need.</summary>
    public bool Active { get; set; }

    public double IntervalMs { get; set; } = 100;

    /// <summary>Equal to the interval: listen all the time.</summary>
    public double WindowMs { get; set; } = 100;

    public bool FilterDuplicates { get; set; }

    /// <summary>Use the extended scanning commands when the controller supports them.</summary>
    public bool AllowExtended { get; set; } = true;

    /// <summary>Virtual beacons in simulate mode.</summary>
    public int SimulatedBeacons { get; set; } = 40;

    /// <summary>Wait before reopening the radio after it failed.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(5);

    public ScanParameters ToScanParameters() => new()
    {
        Active = Active,
        Interval = ToUnits(IntervalMs),
        Window = ToUnits(WindowMs),
        FilterDuplicates = FilterDuplicates,
    };

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Transport == RadioTransport.Serial && string.IsNullOrWhiteSpace(SerialPort))
        {
            problems.Add($"{SectionName}:SerialPort is required when Transport is Serial");
        }

        if (HciDevice is < 0 or > 255)
        {
            problems.Add($"{SectionName}:HciDevice must be 0..255 (was {HciDevice})");
        }

        if (Baud is < 1200 or > 4_000_000)
        {
            problems.Add($"{SectionName}:Baud must be 1200..4000000 (was {Baud})");
        }

        if (ToScanParameters().Validate() is { } scan)
        {
            problems.Add($"{SectionName}:IntervalMs/WindowMs: {scan}");
        }

        if (SimulatedBeacons is < 0 or > 100_000)
        {
            problems.Add($"{SectionName}:SimulatedBeacons must be 0..100000 (was {SimulatedBeacons})");
        }

        if (RestartDelay < TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:RestartDelay must not be negative");
        }

        return problems;
    }

    private static ushort ToUnits(double ms) => (ushort)Math.Clamp(Math.Round(ms / 0.625), 0, ushort.MaxValue);
}
