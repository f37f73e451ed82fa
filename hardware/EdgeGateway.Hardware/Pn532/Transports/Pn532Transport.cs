namespace EdgeGateway.Hardware.Pn532.Transports;

/// <summary>
/// One PN532 host interface (HSU, I2C or SPI). The driver hands it whole frames to send and asks for
/// bytes back; the transport owns everything bus-specific (wake-up, ready polling, prefixes, bit order).
/// </summary>
public abstract class Pn532Transport : IDisposable
{
    /// <summary>Short name for messages: "HSU /dev/ttyUSB0", "I2C 0x24", "SPI".</summary>
    public abstract string Name { get; }

    /// <summary>
    /// True when every read returns exactly one frame from its first byte, padded after its end (I2C,
    /// SPI): bytes after a frame are padding, and a read must be big enough for the whole frame.
    /// False for a byte stream (HSU), where frames can split or run together.
    /// </summary>
    public abstract bool ReadsWholeFrames { get; }

    /// <summary>Tells the transport the chip may be asleep (after power-up or PowerDown): wake it before the next frame.</summary>
    public virtual void PrepareWakeUp()
    {
    }

    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the chip to have something to send, then reads into
    /// <paramref name="buffer"/>. Returns the bytes read, or 0 when nothing came in time.
    /// </summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
