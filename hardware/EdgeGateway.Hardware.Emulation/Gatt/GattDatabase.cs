using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Att;
using EdgeGateway.Hardware.Ble.Gatt;

namespace EdgeGateway.Hardware.Emulation.Gatt;

/// <summary>
/// An emulated server's attribute table, built in handle order: service declarations (0x2800, value = service UUID),
/// characteristic declarations (0x2803, value = properties, value handle, UUID) each followed by its value attribute.
/// </summary>
public sealed class GattDatabase
{
    public const byte PropertyRead = 0x02;
    public const byte PropertyWrite = 0x08;

    private readonly List<GattEntry> _attributes = [];
    private GattEntry? _service;

    public IReadOnlyList<GattEntry> Attributes => _attributes;

    private ushort NextHandle => (ushort)(_attributes.Count + 1);

    public GattDatabase AddPrimaryService(Guid uuid)
    {
        var value = UuidBytes(uuid);
        _service = new GattEntry(NextHandle, GattUuid.PrimaryService, () => GattResult.Of(value), null);
        _service.EndGroupHandle = _service.Handle;
        _attributes.Add(_service);
        return this;
    }

    /// <summary>Adds a declaration and its value attribute; properties follow from which of <paramref name="read"/>/<paramref name="write"/> are given.</summary>
    public GattDatabase AddCharacteristic(Guid uuid, Func<GattResult>? read, Func<ReadOnlyMemory<byte>, AttErrorCode?>? write)
    {
        var service = _service ?? throw new InvalidOperationException("Add a service before its characteristics.");
        var declarationHandle = NextHandle;
        var valueHandle = (ushort)(declarationHandle + 1);
        var uuidBytes = UuidBytes(uuid);
        var declaration = new byte[3 + uuidBytes.Length];
        declaration[0] = (byte)((read is null ? 0 : PropertyRead) | (write is null ? 0 : PropertyWrite));
        BinaryPrimitives.WriteUInt16LittleEndian(declaration.AsSpan(1), valueHandle);
        uuidBytes.CopyTo(declaration, 3);
        _attributes.Add(new GattEntry(declarationHandle, GattUuid.Characteristic, () => GattResult.Of(declaration), null));
        _attributes.Add(new GattEntry(valueHandle, uuid, read, write));
        service.EndGroupHandle = valueHandle;
        return this;
    }

    /// <summary>Adds a characteristic with a fixed readable value (for traces and simple services).</summary>
    public GattDatabase AddReadOnly(Guid uuid, byte[] value) => AddCharacteristic(uuid, () => GattResult.Of(value), null);

    public GattEntry? Find(ushort handle) => handle >= 1 && handle <= _attributes.Count ? _attributes[handle - 1] : null;

    private static byte[] UuidBytes(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        return bytes[..GattUuid.Write(uuid, bytes)].ToArray();
    }
}
