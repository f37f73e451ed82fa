using EdgeGateway.Hardware.Ble.Att;

namespace EdgeGateway.Hardware.Emulation.Gatt;

/// <summary>A read's outcome: a value, or the ATT error the server answers with.</summary>
public readonly record struct GattResult(byte[] Value, AttErrorCode? Error)
{
    public static GattResult Of(byte[] value) => new(value, null);

    public static GattResult Fail(AttErrorCode error) => new([], error);
}
