namespace EdgeGateway.Hardware.Pn532;

/// <summary>Timeouts and retry counts of the PN532 driver.</summary>
public sealed class Pn532Options
{
    /// <summary>The chip sends its ACK within about 1 ms of a complete frame; a missing ACK means no chip.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Response timeout for commands that do not set their own.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>How often a command frame is re-sent when the chip NACKs it or does not ACK it.</summary>
    public int CommandAttempts { get; set; } = 2;

    /// <summary>How often a corrupted response is asked for again with NACK before giving up.</summary>
    public int NackRetries { get; set; } = 2;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
