using System.Buffers;
using System.Text.Json;
using EdgeGateway.Edge.Hosting;

namespace EdgeGateway.Edge.Diagnostics.Web;

/// <summary>
/// The /api/status document (also the SSE `status` event): one property per part under its name, in registration
/// order, then "health". Each part writes itself with its own generated contract, so nothing is serialised as `object`.
/// </summary>
public static class StatusDocument
{
    public static byte[] Write(IEnumerable<IStatusContributor> parts, IEnumerable<IHealthSource> health)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(health);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var part in parts)
            {
                writer.WritePropertyName(part.Name);
                part.WriteSnapshot(writer);
            }

            writer.WritePropertyName("health");
            JsonSerializer.Serialize(writer, health.Select(h => h.Check()).ToArray(), DiagnosticsJsonContext.Default.HealthReportArray);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
