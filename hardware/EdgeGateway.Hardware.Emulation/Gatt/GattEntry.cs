using EdgeGateway.Hardware.Ble.Att;

namespace EdgeGateway.Hardware.Emulation.Gatt;

/// <summary>
/// One attribute of an emulated server: handle, type, and how it is read and written. A reader returns the value or
/// an ATT error; a writer returns null on success or the ATT error to answer with. Null reader/writer = not permitted.
/// </summary>
public sealed class GattEntry(ushort handle, Guid type, Func<GattResult>? read, Func<ReadOnlyMemory<byte>, AttErrorCode?>? write)
{
    public ushort Handle { get; } = handle;

    public Guid Type { get; } = type;

    /// <summary>For a service declaration, the last handle of its group.</summary>
    public ushort EndGroupHandle { get; set; }

    public GattResult Read() => read is null ? GattResult.Fail(AttErrorCode.ReadNotPermitted) : read();

    public AttErrorCode? Write(ReadOnlyMemory<byte> value) => write is null ? AttErrorCode.WriteNotPermitted : write(value);
}
