namespace EdgeGateway.Hardware.Hci;

/// <summary>What bring-up learned about the controller.</summary>
public sealed record ControllerInfo
{
    public required byte HciVersion { get; init; }

    public required ushort HciRevision { get; init; }

    public required byte LmpVersion { get; init; }

    /// <summary>Company identifier of the controller's maker (Bluetooth Assigned Numbers).</summary>
    public required ushort Manufacturer { get; init; }

    public required ushort LmpSubversion { get; init; }

    public required BluetoothAddress Address { get; init; }

    public required ushort LeAclDataLength { get; init; }

    public required byte LeAclPackets { get; init; }

    /// <summary>LE_Features bit mask (Core spec Vol 6, Part B, 4.6).</summary>
    public required ulong LeFeatures { get; init; }

    /// <summary>LE feature bit 12: the controller takes the extended scanning commands and sends extended reports.</summary>
    public bool SupportsExtendedAdvertising => (LeFeatures & (1UL << 12)) != 0;

    /// <summary>"Bluetooth 5.0" etc. from the HCI version number (Assigned Numbers).</summary>
    public string CoreVersionName => HciVersion switch
    {
        6 => "4.0",
        7 => "4.1",
        8 => "4.2",
        9 => "5.0",
        10 => "5.1",
        11 => "5.2",
        12 => "5.3",
        13 => "5.4",
        14 => "6.0",
        _ => $"HCI version {HciVersion}",
    };
}
