namespace EdgeGateway.CloudBridge.Config;

/// <summary>Where the fleet lives (section `Store`).</summary>
public sealed class StoreOptions
{
    public const string LiteDbKind = "litedb";
    public const string PostgresKind = "postgres";

    /// <summary>`litedb` (one instance, a file, zero set-up) or `postgres` (any number of instances).</summary>
    public string Kind { get; set; } = LiteDbKind;

    public string LiteDbPath { get; set; } = "fleet.db";

    /// <summary>Npgsql connection string, e.g. `Host=db;Database=fleet;Username=bridge;Password=...`.</summary>
    public string? PostgresConnectionString { get; set; }
}
