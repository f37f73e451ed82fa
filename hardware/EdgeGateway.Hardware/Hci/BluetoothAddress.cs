using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// A 48-bit BD_ADDR. On the wire it is little-endian; it prints most significant byte first
/// (`aa:bb:cc:dd:ee:ff`, lower case), as BlueZ tools do.
/// </summary>
public readonly record struct BluetoothAddress(ulong Value)
{
    public const int Length = 6;

    /// <summary>Reads the 6 little-endian wire bytes.</summary>
    public static BluetoothAddress Read(ReadOnlySpan<byte> wire) =>
        new(BinaryPrimitives.ReadUInt32LittleEndian(wire) | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(wire[4..]) << 32));

    /// <summary>Writes the 6 little-endian wire bytes.</summary>
    public void Write(Span<byte> wire)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(wire, (uint)Value);
        BinaryPrimitives.WriteUInt16LittleEndian(wire[4..], (ushort)(Value >> 32));
    }

    public override string ToString()
    {
        Span<char> text = stackalloc char[17];
        for (var i = 0; i < 6; i++)
        {
            var b = (byte)(Value >> (8 * (5 - i)));
            text[i * 3] = HexDigit(b >> 4);
            text[(i * 3) + 1] = HexDigit(b & 0xF);
            if (i < 5)
            {
                text[(i * 3) + 2] = ':';
            }
        }

        return new string(text);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out BluetoothAddress address)
    {
        address = default;
        if (text is null || text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            if (i < 5 && text[(i * 3) + 2] != ':')
            {
                return false;
            }

            if (!byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                return false;
            }

            value = (value << 8) | b;
        }

        address = new BluetoothAddress(value);
        return true;
    }

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
