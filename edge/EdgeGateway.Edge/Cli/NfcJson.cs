using System.Text;
using System.Text.Json;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Cli;

/// <summary>The `nfc read` JSON shape: {uid, type, atqa, sak, counter, signature, readMs, ndef:[{tnf, type, uri|text, lang|payloadHex}]}.</summary>
internal static class NfcJson
{
    public static string Tag(TagReadItem item)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("uid", item.Uid);
            json.WriteString("type", item.TagType);
            json.WriteString("atqa", item.Atqa);
            json.WriteString("sak", item.Sak);
            if (item.Counter is { } counter)
            {
                json.WriteNumber("counter", counter);
            }
            else
            {
                json.WriteNull("counter");
            }

            json.WriteBoolean("signature", item.SignaturePresent);
            json.WriteNumber("readMs", item.ReadMs);
            json.WriteStartArray("ndef");
            foreach (var record in item.Ndef)
            {
                json.WriteStartObject();
                json.WriteNumber("tnf", record.Tnf);
                WriteIfPresent(json, "type", record.Type);
                WriteIfPresent(json, "uri", record.Uri);
                WriteIfPresent(json, "text", record.Text);
                WriteIfPresent(json, "lang", record.Language);
                WriteIfPresent(json, "payloadHex", record.PayloadHex);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
