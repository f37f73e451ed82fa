using System.Device.Spi;

namespace EdgeGateway.Hardware.Emulation.Pn532;

/// <summary>
/// The emulated PN532 as an <see cref="SpiDevice"/> in mode 0. The chip shifts LSB first, so each byte
/// on this (MSB-first) device is bit-mirrored; one transfer = one chip-select period, whose first byte
/// is the prefix: 0x01 data write, 0x02 status read, 0x03 data read.
/// </summary>
public sealed class EmulatedPn532SpiDevice(EmulatedPn532 chip, int busId = 0, int chipSelect = 0) : SpiDevice
{
    private readonly Lock _lock = new();
    private byte[]? _ready;

    public override SpiConnectionSettings ConnectionSettings { get; } = new(busId, chipSelect) { Mode = SpiMode.Mode0 };

    /// <summary>What the chip's IRQ line shows: a frame waits to be read.</summary>
    public bool IsFrameReady
    {
        get
        {
            lock (_lock)
            {
                return _ready is not null || chip.HasOutput;
            }
        }
    }

    public override byte ReadByte() => 0;

    public override void Read(Span<byte> buffer) => buffer.Clear();

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var ignored = new byte[buffer.Length];
        TransferFullDuplex(buffer, ignored);
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        readBuffer.Clear();
        if (writeBuffer.IsEmpty)
        {
            return;
        }

        var bytes = new byte[writeBuffer.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Mirror(writeBuffer[i]);
        }

        lock (_lock)
        {
            switch (bytes[0])
            {
                case 0x01:
                    chip.Receive(bytes.AsSpan(1));
                    break;
                case 0x02 when readBuffer.Length > 1:
                    if (_ready is null && chip.TryTakeFrame(out var frame))
                    {
                        _ready = frame;
                    }

                    readBuffer[1] = Mirror(_ready is null ? (byte)0x00 : (byte)0x01);
                    break;
                case 0x03:
                    if (_ready is null && !chip.TryTakeFrame(out _ready))
                    {
                        _ready = null;
                        break;
                    }

                    for (var i = 0; i < _ready!.Length && i + 1 < readBuffer.Length; i++)
                    {
                        readBuffer[i + 1] = Mirror(_ready[i]);
                    }

                    _ready = null;
                    break;
                default:
                    break;
            }
        }
    }

    private static byte Mirror(byte value)
    {
        byte result = 0;
        for (var bit = 0; bit < 8; bit++)
        {
            result |= (byte)(((value >> bit) & 1) << (7 - bit));
        }

        return result;
    }
}
