namespace EdgeGateway.Protocol.Commands;

/// <summary>
/// Args of the command `outbox.resend`: the cloud is missing items of a stream although the broker acknowledged
/// them to the gateway; the gateway sends the ones it still has again (answered with <see cref="OutboxResendResult"/>).
/// </summary>
public sealed record OutboxResendArgs
{
    public const string CommandName = "outbox.resend";

    public required string Stream { get; init; }

    public required long FromSeq { get; init; }

    /// <summary>Inclusive; absent means through the highest item acknowledged by the broker.</summary>
    public long? ToSeq { get; init; }
}
