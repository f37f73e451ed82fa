namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>Advertising_Type of LE Set Advertising Parameters (Core spec Vol 4, Part E, 7.8.5).</summary>
public enum AdvertisingType : byte
{
    /// <summary>ADV_IND: connectable and scannable undirected.</summary>
    ConnectableUndirected = 0x00,

    /// <summary>ADV_DIRECT_IND, high duty cycle.</summary>
    ConnectableDirectedHighDuty = 0x01,

    /// <summary>ADV_SCAN_IND: scannable undirected.</summary>
    ScannableUndirected = 0x02,

    /// <summary>ADV_NONCONN_IND: what a beacon sends; nobody can connect or scan it.</summary>
    NonConnectableUndirected = 0x03,

    /// <summary>ADV_DIRECT_IND, low duty cycle.</summary>
    ConnectableDirectedLowDuty = 0x04,
}
