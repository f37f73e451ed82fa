namespace EdgeGateway.Hardware.Ble.Gatt;

/// <summary>A characteristic declaration: where it is declared, its properties bit field, where its value lives, its type.</summary>
public sealed record GattCharacteristic(ushort DeclarationHandle, byte Properties, ushort ValueHandle, Guid Uuid)
{
    public bool CanRead => (Properties & 0x02) != 0;

    public bool CanWrite => (Properties & 0x08) != 0;
}
