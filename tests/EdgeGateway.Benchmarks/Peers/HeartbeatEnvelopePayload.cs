using System.Buffers;
using System.Text.Json;
using EdgeGateway.Benchmarks.Outbox;
using EdgeGateway.Edge.Uplink;
using EdgeGateway.Protocol.Envelopes;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Benchmarks.Peers;

/// <summary>
/// The `up/heartbeats` payload the uplink publishes: an envelope of realistic 200-beacon heartbeat items, cut
/// by the uplink's default batch limits (item bytes ≤ <see cref="UplinkOptions.BatchMaxBytes"/>, items ≤
/// <see cref="UplinkOptions.BatchMaxItems"/>) exactly as the outbox cuts a backlog, or a single item.
/// One line of JSON: `mosquitto_pub -l` publishes it per line.
/// </summary>
internal static class HeartbeatEnvelopePayload
{
    public const string GatewayId = "peer-bench";

    public static byte[] Build(bool fullBatch)
    {
        var defaults = new UplinkOptions();
        var samples = HeartbeatSamples.ForBeacons(200);
        var buffer = new ArrayBufferWriter<byte>(defaults.BatchMaxBytes + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            UpEnvelopeWriter.WriteStart(writer, GatewayId, StreamNames.Heartbeats, 1, new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));
            long bytes = 0;
            for (var i = 0; i < defaults.BatchMaxItems; i++)
            {
                var item = samples[i % samples.Length];
                if (i > 0 && (!fullBatch || bytes + item.Length > defaults.BatchMaxBytes))
                {
                    break;
                }

                bytes += item.Length;
                writer.WriteRawValue(item, skipInputValidation: true);
            }

            UpEnvelopeWriter.WriteEnd(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
