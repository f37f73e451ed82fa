using EdgeGateway.Hardware.Ble;

namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>What is actually on air: the controller's answers, not what was asked for.</summary>
public sealed record AdvertiserState
{
    public static AdvertiserState Stopped { get; } = new();

    public bool Enabled { get; init; }

    /// <summary>Whether the extended advertising commands were used (a legacy PDU is sent either way).</summary>
    public bool Extended { get; init; }

    /// <summary>Kinds of the configured frames, in rotation order.</summary>
    public IReadOnlyList<BeaconFrameKinds> FrameKinds { get; init; } = [];

    /// <summary>Index into <see cref="FrameKinds"/> of the frame on air now.</summary>
    public int CurrentFrame { get; init; }

    /// <summary>The advertising data on air now.</summary>
    public ReadOnlyMemory<byte> CurrentData { get; init; }

    /// <summary>The intervals sent, as whole 0.625 ms units.</summary>
    public TimeSpan IntervalMin { get; init; }

    public TimeSpan IntervalMax { get; init; }

    public TimeSpan RotationPeriod { get; init; }

    /// <summary>What the settings asked for (null = no preference).</summary>
    public sbyte? RequestedTxPowerDbm { get; init; }

    /// <summary>Selected_TX_Power of the extended parameters command, or the legacy advertising channel TX power; null when the controller did not say.</summary>
    public sbyte? TxPowerDbm { get; init; }

    /// <summary>When advertising was (re)started with these settings.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Frame changes sent since <see cref="Since"/>.</summary>
    public long Rotations { get; init; }
}
