using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeGateway.Protocol.Serialization;

/// <summary>
/// Reads a payload that arrived over MQTT: never throws on bad input, returns a one-line reason
/// (malformed JSON, missing required field, unsupported `v`) so the receiver can count and log it.
/// </summary>
public static class ProtocolPayload
{
    public static bool TryRead<T>(
        ReadOnlySpan<byte> json,
        JsonTypeInfo<T> typeInfo,
        Func<T, int> version,
        out T? payload,
        out string? error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(version);
        payload = null;
        try
        {
            var read = JsonSerializer.Deserialize(json, typeInfo);
            if (read is null)
            {
                error = $"{typeof(T).Name}: payload is JSON null";
                return false;
            }

            var v = version(read);
            if (!ProtocolVersion.IsSupported(v))
            {
                error = $"{typeof(T).Name}: unsupported protocol version v={v} (this build speaks v{ProtocolVersion.Current})";
                return false;
            }

            payload = read;
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"{typeof(T).Name}: {ex.Message}";
            return false;
        }
    }
}
