namespace EdgeGateway.Hardware.Pn532;

/// <summary>What the driver has seen on the wire, for diagnostics. Updated with Interlocked; read any time.</summary>
public sealed class Pn532Counters
{
    private long _commands;
    private long _bytesSent;
    private long _bytesReceived;
    private long _garbageBytes;
    private long _badFrames;
    private long _nacksSent;
    private long _aborts;
    private long _staleFrames;

    public long Commands => Interlocked.Read(ref _commands);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Non-filler bytes found between frames (line noise, a half frame from before a reset).</summary>
    public long GarbageBytes => Interlocked.Read(ref _garbageBytes);

    /// <summary>Frames with a bad length/data checksum, impossible length or missing postamble.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    public long NacksSent => Interlocked.Read(ref _nacksSent);

    /// <summary>Commands aborted with a host ACK after a response timeout.</summary>
    public long Aborts => Interlocked.Read(ref _aborts);

    /// <summary>Well-formed responses to an earlier, already abandoned command.</summary>
    public long StaleFrames => Interlocked.Read(ref _staleFrames);

    internal void Command() => Interlocked.Increment(ref _commands);

    internal void Sent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    internal void Received(int bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void Garbage(int bytes) => Interlocked.Add(ref _garbageBytes, bytes);

    internal void BadFrame() => Interlocked.Increment(ref _badFrames);

    internal void NackSent() => Interlocked.Increment(ref _nacksSent);

    internal void Abort() => Interlocked.Increment(ref _aborts);

    internal void Stale() => Interlocked.Increment(ref _staleFrames);
}
