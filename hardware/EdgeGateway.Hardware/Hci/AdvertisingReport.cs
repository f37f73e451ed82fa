namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// One advertisement as the controller reported it, legacy or extended, viewed in place over the event
/// bytes (valid only during the callback that receives it: nothing is copied on the hot path).
/// </summary>
public readonly ref struct AdvertisingReport
{
    /// <summary>RSSI / TX power value the spec uses for "not available".</summary>
    public const sbyte NotAvailable = 127;

    public AdvertisingReport(ushort eventType, byte addressType, BluetoothAddress address, sbyte rssi, sbyte txPower, ReadOnlySpan<byte> data)
    {
        EventType = eventType;
        AddressType = addressType;
        Address = address;
        Rssi = rssi;
        TxPower = txPower;
        Data = data;
    }

    /// <summary>Extended-report event type bits (legacy reports are mapped onto them): bit 0 connectable, 1 scannable, 2 directed, 3 scan response, 4 legacy PDU.</summary>
    public ushort EventType { get; }

    /// <summary>0 public, 1 random, 2/3 resolved identity addresses.</summary>
    public byte AddressType { get; }

    public BluetoothAddress Address { get; }

    /// <summary>dBm, or <see cref="NotAvailable"/>.</summary>
    public sbyte Rssi { get; }

    /// <summary>The advertiser's TX power from an extended report, or <see cref="NotAvailable"/>.</summary>
    public sbyte TxPower { get; }

    /// <summary>The advertising data: a sequence of AD structures.</summary>
    public ReadOnlySpan<byte> Data { get; }

    public bool IsScanResponse => (EventType & 0x08) != 0;

    public bool IsConnectable => (EventType & 0x01) != 0;
}
