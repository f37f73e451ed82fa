namespace EdgeGateway.CloudBridge.Ingest;

/// <summary>What an incoming MQTT message turned out to be after validation.</summary>
public enum IngestKind
{
    /// <summary>`gw/v1/{gatewayId}/up/{stream}`: a batch of items with a sequence number.</summary>
    Envelope,

    /// <summary>`gw/v1/{gatewayId}/status`: birth or last will.</summary>
    Status,

    /// <summary>`gw/v1/{gatewayId}/config/reported`.</summary>
    Reported,

    /// <summary>Failed validation: acknowledged (it can never become valid), counted and logged, not stored.</summary>
    Rejected,
}
