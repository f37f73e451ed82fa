using EdgeGateway.CloudBridge.Ingest;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>Turns a committed ingest batch into connector events: only what the store took as new (see <see cref="CommitResult.Stored"/>).</summary>
public static class ConnectorEventSource
{
    public static IReadOnlyList<ConnectorEvent> From(IReadOnlyList<IngestMessage> batch, IReadOnlyList<CommitResult> outcomes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(outcomes);
        var events = new List<ConnectorEvent>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Outcome != CommitOutcome.Stored)
            {
                continue;
            }

            var message = batch[i];
            switch (message.Kind)
            {
                case IngestKind.Envelope when outcomes[i].Stored is { } stored:
                    var seqs = Enumerable.Range(0, stored.ItemOffsets.Count).Select(stored.ItemSeq).ToList();
                    if (stored.Heartbeats.Count > 0)
                    {
                        events.Add(new ConnectorEvent
                        {
                            Kind = ConnectorEventKind.Heartbeats, GatewayId = message.GatewayId, Stream = message.Stream,
                            Seq = seqs[0], ItemSeqs = seqs, At = message.SentAt, Heartbeats = stored.Heartbeats,
                        });
                    }
                    else if (stored.Taps.Count > 0)
                    {
                        events.Add(new ConnectorEvent
                        {
                            Kind = ConnectorEventKind.Taps, GatewayId = message.GatewayId, Stream = message.Stream,
                            Seq = seqs[0], ItemSeqs = seqs, At = message.SentAt, Taps = stored.Taps,
                        });
                    }

                    break;
                case IngestKind.Status when message.Status is { } status:
                    events.Add(new ConnectorEvent { Kind = ConnectorEventKind.Status, GatewayId = message.GatewayId, At = status.At ?? now, Status = status });
                    break;
                case IngestKind.Reported when message.Reported is { } reported:
                    events.Add(new ConnectorEvent { Kind = ConnectorEventKind.Reported, GatewayId = message.GatewayId, At = reported.At, Reported = reported });
                    break;
            }
        }

        return events;
    }
}
