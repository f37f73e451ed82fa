namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>What a <see cref="ConnectorEvent"/> carries.</summary>
public enum ConnectorEventKind
{
    /// <summary>New heartbeat items of an `up/heartbeats` envelope.</summary>
    Heartbeats,

    /// <summary>New tag reads of an `up/nfc` envelope.</summary>
    Taps,

    /// <summary>A birth or last will that the store accepted.</summary>
    Status,

    /// <summary>A gateway's `config/reported` document.</summary>
    Reported,
}
