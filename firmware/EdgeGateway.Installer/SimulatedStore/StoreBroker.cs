namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>The simulated store's MQTT broker on loopback: mosquitto when installed, else the built-in one.</summary>
public interface IStoreBroker : IAsyncDisposable
{
    /// <summary>What the store prints about the broker.</summary>
    string Description { get; }

    /// <summary>False for a broker without `$share/…` subscriptions: the bridge then subscribes plainly (one instance only).</summary>
    bool SupportsSharedSubscriptions { get; }

    bool HasExited { get; }
}
