using EdgeGateway.Protocol.Topics;

namespace EdgeGateway.CloudBridge.Config;

/// <summary>Checks a bound <see cref="BridgeOptions"/>; the first problem comes back as one line naming the key.</summary>
internal static class BridgeOptionsValidator
{
    public static string? FirstError(BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Mqtt(options.Mqtt) ?? Store(options.Store) ?? Api(options.Api) ?? Ingest(options.Ingest);
    }

    private static string? Mqtt(MqttOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            return "Mqtt:Host: must not be empty";
        }

        if (o.Port is < 1 or > 65535)
        {
            return $"Mqtt:Port: must be between 1 and 65535 (got {o.Port})";
        }

        if (string.IsNullOrWhiteSpace(o.ClientId) || o.ClientId.Length > 128)
        {
            return "Mqtt:ClientId: must be 1-128 characters, unique per instance and stable across restarts";
        }

        if (o.SharedGroup.Length != 0 && !GatewayTopics.IsValidLevel(o.SharedGroup))
        {
            return $"Mqtt:SharedGroup: '{o.SharedGroup}' is not a valid topic level (1-64 of A-Z a-z 0-9 - _ .), or empty for plain subscriptions";
        }

        if (o.SessionExpirySeconds < 0)
        {
            return $"Mqtt:SessionExpirySeconds: must be 0 or more (got {o.SessionExpirySeconds})";
        }

        if (o.ReceiveMaximum is < 1 or > 65535)
        {
            return $"Mqtt:ReceiveMaximum: must be between 1 and 65535 (got {o.ReceiveMaximum})";
        }

        if (o.KeepAliveSeconds is < 5 or > 3600)
        {
            return $"Mqtt:KeepAliveSeconds: must be between 5 and 3600 (got {o.KeepAliveSeconds})";
        }

        return o.ReconnectDelayMs is < 10 or > 600_000
            ? $"Mqtt:ReconnectDelayMs: must be between 10 and 600000 (got {o.ReconnectDelayMs})"
            : null;
    }

    private static string? Store(StoreOptions o)
    {
        switch (o.Kind)
        {
            case StoreOptions.LiteDbKind:
                return string.IsNullOrWhiteSpace(o.LiteDbPath) ? "Store:LiteDbPath: must not be empty" : null;
            case StoreOptions.PostgresKind:
                if (string.IsNullOrWhiteSpace(o.PostgresConnectionString))
                {
                    return "Store:PostgresConnectionString: required when Store:Kind is postgres";
                }

                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(o.PostgresConnectionString);
                    return null;
                }
                catch (ArgumentException ex)
                {
                    return $"Store:PostgresConnectionString: {ex.Message}";
                }

            default:
                return $"Store:Kind: must be '{StoreOptions.LiteDbKind}' or '{StoreOptions.PostgresKind}' (got '{o.Kind}')";
        }
    }

    private static string? Api(ApiOptions o)
    {
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            return $"Api:Url: must be an http:// URL such as http://0.0.0.0:8081 (got '{o.Url}')";
        }

        if (o.Tokens.Any(t => string.IsNullOrWhiteSpace(t) || t.Length < 16))
        {
            return "Api:Tokens: every token must be at least 16 characters";
        }

        if (o.DefaultPageSize < 1 || o.DefaultPageSize > o.MaxPageSize)
        {
            return $"Api:DefaultPageSize: must be between 1 and Api:MaxPageSize ({o.MaxPageSize}) (got {o.DefaultPageSize})";
        }

        return o.MaxPageSize is < 1 or > 100_000
            ? $"Api:MaxPageSize: must be between 1 and 100000 (got {o.MaxPageSize})"
            : null;
    }

    private static string? Ingest(IngestOptions o)
    {
        if (o.MaxPayloadBytes is < 1024 or > 256 * 1024 * 1024)
        {
            return $"Ingest:MaxPayloadBytes: must be between 1024 and 268435456 (got {o.MaxPayloadBytes})";
        }

        if (o.MaxItemsPerEnvelope is < 1 or > 100_000)
        {
            return $"Ingest:MaxItemsPerEnvelope: must be between 1 and 100000 (got {o.MaxItemsPerEnvelope})";
        }

        if (o.BatchMaxMessages is < 1 or > 65535)
        {
            return $"Ingest:BatchMaxMessages: must be between 1 and 65535 (got {o.BatchMaxMessages})";
        }

        if (o.BatchMaxDelayMs is < 0 or > 10_000)
        {
            return $"Ingest:BatchMaxDelayMs: must be between 0 and 10000 (got {o.BatchMaxDelayMs})";
        }

        return o.RetryDelayMs is < 1 or > 600_000
            ? $"Ingest:RetryDelayMs: must be between 1 and 600000 (got {o.RetryDelayMs})"
            : null;
    }
}
