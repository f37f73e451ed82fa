using System.Text.Json;

namespace EdgeGateway.CloudBridge.Desired;

/// <summary>
/// The body of `PUT|PATCH /api/v1/beacons/{id}/`: `{"tx_power": dBm, "advertising_interval": ms}`, either or
/// both. Parsed strictly: unknown or read-only fields, wrong types and out-of-range values are errors.
/// </summary>
internal sealed record DesiredBeaconChange(int? TxPowerDbm, int? IntervalMs)
{
    /// <summary>BLE controllers and beacon firmware span roughly -40 to +20 dBm.</summary>
    public const int MinTxPower = -40;
    public const int MaxTxPower = 20;

    /// <summary>The Bluetooth Core advertising interval range: 20 ms to 10.24 s.</summary>
    public const int MinIntervalMs = 20;
    public const int MaxIntervalMs = 10_240;

    public static (DesiredBeaconChange? Change, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException ex)
        {
            return (null, $"body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "body must be a JSON object such as {\"tx_power\": -8, \"advertising_interval\": 500}");
            }

            int? tx = null;
            int? interval = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "tx_power":
                        if (!Read(property.Value, MinTxPower, MaxTxPower, out tx))
                        {
                            return (null, $"tx_power: must be a whole number of dBm between {MinTxPower} and {MaxTxPower}");
                        }

                        break;
                    case "advertising_interval":
                        if (!Read(property.Value, MinIntervalMs, MaxIntervalMs, out interval))
                        {
                            return (null, $"advertising_interval: must be a whole number of milliseconds between {MinIntervalMs} and {MaxIntervalMs}");
                        }

                        break;
                    default:
                        return (null, $"{property.Name}: not writable; only tx_power and advertising_interval can be set");
                }
            }

            return tx is null && interval is null
                ? (null, "give tx_power and/or advertising_interval")
                : (new DesiredBeaconChange(tx, interval), null);
        }
    }

    private static bool Read(JsonElement value, int min, int max, out int? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            return false;
        }

        result = number;
        return true;
    }
}
