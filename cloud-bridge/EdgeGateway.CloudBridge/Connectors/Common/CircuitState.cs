namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>A platform's circuit breaker as the status board shows it.</summary>
public enum CircuitState
{
    /// <summary>Calls go through.</summary>
    Closed,

    /// <summary>Too many failures: calls are refused without reaching the platform until the break ends.</summary>
    Open,

    /// <summary>The break ended: the next call is a trial that closes or re-opens the circuit.</summary>
    HalfOpen,
}
