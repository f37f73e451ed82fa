namespace EdgeGateway.Protocol.Config;

/// <summary>What the gateway's own radio actually advertises after applying <see cref="OwnAdvertiserDesired"/>.</summary>
public sealed record OwnAdvertiserReported
{
    /// <summary>applied, rounded (power or interval differ from the request), failed, or stopped.</summary>
    public required string State { get; init; }

    /// <summary>The TX power the controller selected (dBm), when it says.</summary>
    public int? TxPowerDbm { get; init; }

    /// <summary>The interval on air, after rounding to 0.625 ms units.</summary>
    public double? IntervalMs { get; init; }

    /// <summary>Frame kinds in rotation order (as in heartbeats' frames).</summary>
    public IReadOnlyList<string> Frames { get; init; } = [];

    /// <summary>Whether the extended advertising commands are in use.</summary>
    public bool? Extended { get; init; }

    /// <summary>invalid-settings, controller-refused, radio-unavailable.</summary>
    public string? Reason { get; init; }

    public string? Detail { get; init; }

    public DateTimeOffset? At { get; init; }
}
