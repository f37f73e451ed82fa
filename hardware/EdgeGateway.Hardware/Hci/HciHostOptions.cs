namespace EdgeGateway.Hardware.Hci;

/// <summary>Tuning of the HCI host.</summary>
public sealed record HciHostOptions
{
    /// <summary>How long a command may wait for its Command Complete/Status (including waiting for a credit).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
