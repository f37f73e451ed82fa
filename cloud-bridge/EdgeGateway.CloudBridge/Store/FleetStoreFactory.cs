using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Store.LiteDb;
using EdgeGateway.CloudBridge.Store.Postgres;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>Opens the store Store:Kind names.</summary>
internal static class FleetStoreFactory
{
    public static IFleetStore Create(StoreOptions options, TimeProvider time) => options.Kind switch
    {
        StoreOptions.PostgresKind => new PostgresFleetStore(options.PostgresConnectionString!, time),
        _ => new LiteDbFleetStore(options.LiteDbPath, time),
    };
}
