namespace EdgeGateway.Hardware.Ble;

/// <summary>
/// AD types the decoders look at (Bluetooth Assigned Numbers, "Common Data Types").
/// Other types are skipped, not rejected.
/// </summary>
public enum AdvertisingDataType : byte
{
    Flags = 0x01,
    IncompleteServiceUuids16 = 0x02,
    CompleteServiceUuids16 = 0x03,
    IncompleteServiceUuids128 = 0x06,
    CompleteServiceUuids128 = 0x07,
    ShortenedLocalName = 0x08,
    CompleteLocalName = 0x09,
    TxPowerLevel = 0x0A,
    ServiceData16 = 0x16,
    ManufacturerSpecificData = 0xFF,
}
