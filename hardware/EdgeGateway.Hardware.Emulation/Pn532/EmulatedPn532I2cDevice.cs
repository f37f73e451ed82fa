using System.Device.I2c;

namespace EdgeGateway.Hardware.Emulation.Pn532;

/// <summary>
/// The emulated PN532 as an <see cref="I2cDevice"/> at address 0x24: every read starts with the ready
/// status byte (0x01 when a frame is waiting), followed by that frame and zero padding. A read that
/// got a frame consumes it; a one-byte status read does not.
/// </summary>
public sealed class EmulatedPn532I2cDevice(EmulatedPn532 chip, int busId = 1) : I2cDevice
{
    private readonly Lock _lock = new();
    private byte[]? _ready;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, 0x24);

    public override byte ReadByte()
    {
        Span<byte> status = stackalloc byte[1];
        Read(status);
        return status[0];
    }

    public override void Read(Span<byte> buffer)
    {
        buffer.Clear();
        if (buffer.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            if (_ready is null && chip.TryTakeFrame(out var frame))
            {
                _ready = frame;
            }

            if (_ready is null)
            {
                return;
            }

            buffer[0] = 0x01;
            if (buffer.Length > 1)
            {
                _ready.AsSpan(0, Math.Min(_ready.Length, buffer.Length - 1)).CopyTo(buffer[1..]);
                _ready = null;
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer) => chip.Receive(buffer);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
