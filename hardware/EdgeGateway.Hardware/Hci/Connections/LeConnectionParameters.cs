namespace EdgeGateway.Hardware.Hci.Connections;

/// <summary>Timing of LE Create Connection, in the controller's units (0.625 ms scan, 1.25 ms interval, 10 ms timeout).</summary>
public sealed record LeConnectionParameters
{
    /// <summary>60 ms / 30 ms: finds a beacon advertising every second within a few of its intervals.</summary>
    public ushort ScanInterval { get; init; } = 0x0060;

    public ushort ScanWindow { get; init; } = 0x0030;

    /// <summary>30-50 ms: a short configuration session, not a long-lived link.</summary>
    public ushort IntervalMin { get; init; } = 0x0018;

    public ushort IntervalMax { get; init; } = 0x0028;

    public ushort Latency { get; init; }

    /// <summary>4 s.</summary>
    public ushort SupervisionTimeout { get; init; } = 0x0190;
}
