namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>The Eddystone Configuration GATT service and its characteristics (a3c875xx-8ed3-4bdf-8a39-a01bebede295).</summary>
public static class EddystoneConfigUuids
{
    public static readonly Guid Service = Make(0x00);
    public static readonly Guid Capabilities = Make(0x01);
    public static readonly Guid ActiveSlot = Make(0x02);
    public static readonly Guid AdvertisingInterval = Make(0x03);
    public static readonly Guid RadioTxPower = Make(0x04);
    public static readonly Guid AdvertisedTxPower = Make(0x05);
    public static readonly Guid LockState = Make(0x06);
    public static readonly Guid Unlock = Make(0x07);
    public static readonly Guid PublicEcdhKey = Make(0x08);
    public static readonly Guid EidIdentityKey = Make(0x09);
    public static readonly Guid AdvSlotData = Make(0x0A);
    public static readonly Guid FactoryReset = Make(0x0B);
    public static readonly Guid RemainConnectable = Make(0x0C);

    /// <summary>Short name of a characteristic of the service, for messages.</summary>
    public static string Name(Guid uuid) => uuid == Capabilities ? "capabilities"
        : uuid == ActiveSlot ? "active slot"
        : uuid == AdvertisingInterval ? "advertising interval"
        : uuid == RadioTxPower ? "radio TX power"
        : uuid == AdvertisedTxPower ? "advertised TX power"
        : uuid == LockState ? "lock state"
        : uuid == Unlock ? "unlock"
        : uuid == AdvSlotData ? "ADV slot data"
        : uuid.ToString();

    private static Guid Make(byte last) => Guid.Parse($"a3c875{last:x2}-8ed3-4bdf-8a39-a01bebede295");
}
