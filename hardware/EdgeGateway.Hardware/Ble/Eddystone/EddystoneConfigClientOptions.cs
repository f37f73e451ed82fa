namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>Timeouts of one configuration session.</summary>
public sealed record EddystoneConfigClientOptions
{
    /// <summary>How long LE Create Connection may take before the beacon counts as not in range.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per ATT request; the spec allows 30 s, a beacon a metre away answers in tens of milliseconds.</summary>
    public TimeSpan AttTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>ATT_MTU offered in Exchange MTU.</summary>
    public ushort Mtu { get; init; } = 247;
}
