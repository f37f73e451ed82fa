namespace EdgeGateway.Hardware.Ble.Gatt;

/// <summary>A primary service as Read By Group Type found it: its handle range and type.</summary>
public sealed record GattService(ushort StartHandle, ushort EndHandle, Guid Uuid);
