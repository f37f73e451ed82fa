using System.Text.Json;

namespace EdgeGateway.Protocol.Envelopes;

/// <summary>
/// Writes an <see cref="UpEnvelope"/> straight from stored item JSON, without decoding the items:
/// <see cref="WriteStart"/>, one <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>
/// per item (item i carries sequence number seq + i), then <see cref="WriteEnd"/>. Property names match
/// the source-generated contract (the schema test checks both).
/// </summary>
public static class UpEnvelopeWriter
{
    public static void WriteStart(Utf8JsonWriter writer, string gatewayId, string stream, long seq, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("v"u8, ProtocolVersion.Current);
        writer.WriteString("gatewayId"u8, gatewayId);
        writer.WriteString("stream"u8, stream);
        writer.WriteNumber("seq"u8, seq);
        writer.WriteString("sentAt"u8, sentAt);
        writer.WriteStartArray("items"u8);
    }

    public static void WriteEnd(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
