namespace EdgeGateway.Hardware.Ble;

/// <summary>One AD structure of advertising data: its AD type and the bytes after the type.</summary>
public readonly ref struct AdStructure(byte type, ReadOnlySpan<byte> data)
{
    public byte Type { get; } = type;

    public ReadOnlySpan<byte> Data { get; } = data;
}
