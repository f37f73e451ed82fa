using System.Text.Json;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// Cloud command `outbox.resend` {stream, fromSeq, toSeq?}: the bridge found a gap the broker had acknowledged to us
/// (mosquitto 2.0.11 drops messages for shared subscriptions after a restart). Acknowledged items still retained
/// are queued again; the answer says which ranges come again and which are gone for good.
/// </summary>
public sealed class ResendCommand(LiteDbOutbox outbox) : ICommandHandler
{
    public string Name => OutboxResendArgs.CommandName;

    public ValueTask<JsonElement?> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OutboxResendArgs? args;
        try
        {
            args = request.Args is { ValueKind: JsonValueKind.Object } element
                ? element.Deserialize(ProtocolJsonContext.Default.OutboxResendArgs)
                : null;
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"args: {ex.Message}", ex);
        }

        if (args is null)
        {
            throw new ArgumentException("args {stream, fromSeq, toSeq?} are required");
        }

        if (!GatewayTopics.IsValidLevel(args.Stream))
        {
            throw new ArgumentException($"args.stream '{args.Stream}' is not a stream name");
        }

        if (args.FromSeq < 1 || args.ToSeq < args.FromSeq)
        {
            throw new ArgumentException($"args: fromSeq must be at least 1 and toSeq not below it (got {args.FromSeq}..{args.ToSeq})");
        }

        var done = outbox.Resend(args.Stream, args.FromSeq, args.ToSeq);
        var result = new OutboxResendResult
        {
            Stream = done.Stream,
            Resent = done.Resent,
            Gone = done.Gone,
            Pending = done.Pending,
            NotAppended = done.NotAppended,
        };
        return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(result, ProtocolJsonContext.Default.OutboxResendResult));
    }
}
