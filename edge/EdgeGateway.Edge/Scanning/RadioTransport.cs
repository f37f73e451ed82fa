namespace EdgeGateway.Edge.Scanning;

/// <summary>Which byte link reaches the controller.</summary>
public enum RadioTransport
{
    /// <summary>Linux HCI user channel on hci&lt;HciDevice&gt;.</summary>
    HciUserChannel,

    /// <summary>H4 over a UART (SerialPort at Baud).</summary>
    Serial,

    /// <summary>The emulated controller with a virtual shop of beacons.</summary>
    Simulate,
}
