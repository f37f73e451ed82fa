using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Pn532;
using EdgeGateway.Hardware.Pn532.Frames;

namespace EdgeGateway.Hardware.Emulation.Pn532;

/// <summary>
/// A PN532 (IC 0x32, firmware 1.6, ISO14443A/B and ISO18092) behind its frame protocol. Host bytes go in
/// through <see cref="Receive"/>; the frames it answers with (ACK, then the response) come out of
/// <see cref="TryTakeFrame"/>. Bus adapters (HSU stream, I2C device, SPI device) only move bytes.
/// Thread-safe: tests move tags and inject faults while a driver talks to it.
/// </summary>
public sealed class EmulatedPn532
{
    public static readonly byte[] FirmwareVersion = [0x32, 0x01, 0x06, 0x07];

    private readonly Lock _lock = new();
    private readonly Queue<byte[]> _output = new();
    private readonly Queue<EmulatedPn532Fault> _faults = new();
    private readonly Queue<byte[]> _initiatorCommands = new();
    private readonly List<byte[]> _targetAnswers = [];
    private readonly byte[] _input = new byte[4096];
    private int _inputCount;
    private byte[]? _lastResponse;
    private byte[]? _correctedResponse;
    private VirtualTag? _tag;
    private bool _tagActive;
    private bool _unplugged;
    private bool _removeTagOnNextExchange;

    /// <summary>Raised (outside the lock) whenever a frame is queued for the host.</summary>
    public event EventHandler? OutputAvailable;

    public long CommandsProcessed { get; private set; }

    public long FramesRejected { get; private set; }

    /// <summary>A silent chip: no ACK, no answer (unplugged, unpowered, wrong mode switch).</summary>
    public bool Unplugged
    {
        get { lock (_lock) { return _unplugged; } }
        set
        {
            lock (_lock)
            {
                _unplugged = value;
                _output.Clear();
                _inputCount = 0;
            }
        }
    }

    public VirtualTag? TagInField
    {
        get { lock (_lock) { return _tag; } }
    }

    public void PlaceTag(VirtualTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        lock (_lock)
        {
            _tag = tag;
            _tagActive = false;
            tag.PowerUp();
        }
    }

    public void RemoveTag()
    {
        lock (_lock)
        {
            _tag = null;
            _tagActive = false;
        }
    }

    public void InjectFault(EmulatedPn532Fault fault)
    {
        lock (_lock)
        {
            if (fault == EmulatedPn532Fault.TagRemovedMidExchange)
            {
                // Waits for the next tag exchange, however many polls come first.
                _removeTagOnNextExchange = true;
                return;
            }

            _faults.Enqueue(fault);
        }
    }

    /// <summary>Queues a command a (simulated) phone sends when the PN532 acts as a target.</summary>
    public void QueueInitiatorCommand(byte[] command)
    {
        lock (_lock)
        {
            _initiatorCommands.Enqueue(command);
        }
    }

    /// <summary>What the host sent back with TgSetData, in order.</summary>
    public IReadOnlyList<byte[]> TargetAnswers
    {
        get { lock (_lock) { return [.. _targetAnswers]; } }
    }

    public bool HasOutput
    {
        get { lock (_lock) { return _output.Count > 0; } }
    }

    public bool TryTakeFrame(out byte[] frame)
    {
        lock (_lock)
        {
            return _output.TryDequeue(out frame!);
        }
    }

    /// <summary>Feeds bytes from the host, as they arrive on the bus.</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        var queued = false;
        lock (_lock)
        {
            if (_unplugged)
            {
                return;
            }

            if (bytes.Length > _input.Length - _inputCount)
            {
                _inputCount = 0;
                FramesRejected++;
                bytes = bytes[^Math.Min(bytes.Length, _input.Length)..];
            }

            bytes.CopyTo(_input.AsSpan(_inputCount));
            _inputCount += bytes.Length;
            while (true)
            {
                var frame = Pn532FrameParser.Parse(_input.AsSpan(0, _inputCount));
                if (frame.Status == Pn532ParseStatus.NeedMoreData)
                {
                    Drop(frame.Consumed);
                    break;
                }

                queued |= Handle(frame);
                Drop(frame.Consumed);
            }
        }

        if (queued)
        {
            OutputAvailable?.Invoke(this, EventArgs.Empty);
        }
    }

    private bool Handle(Pn532ParsedFrame frame)
    {
        if (frame.Status == Pn532ParseStatus.Invalid)
        {
            // The chip drops frames with bad checksums silently; the host's ACK timeout covers it.
            FramesRejected++;
            return false;
        }

        switch (frame.Kind)
        {
            case Pn532FrameKind.Ack:
                // Host abort: forget a response not yet sent.
                _output.Clear();
                return false;
            case Pn532FrameKind.Nack:
                var again = _correctedResponse ?? _lastResponse;
                _correctedResponse = null;
                if (again is not null)
                {
                    _output.Enqueue(again);
                    return true;
                }

                return false;
            case Pn532FrameKind.Information:
                break;
            default:
                return false;
        }

        var data = frame.Data(_input.AsSpan(0, _inputCount));
        if (frame.Tfi(_input) != Pn532FrameWriter.HostToPn532 || data.IsEmpty)
        {
            _output.Enqueue(Pn532FrameWriter.ApplicationError.ToArray());
            return true;
        }

        var fault = _faults.Count > 0 ? _faults.Dequeue() : (EmulatedPn532Fault?)null;
        if (fault == EmulatedPn532Fault.Nack)
        {
            _output.Enqueue(Pn532FrameWriter.Nack.ToArray());
            return true;
        }

        _output.Enqueue(Pn532FrameWriter.Ack.ToArray());
        CommandsProcessed++;
        var command = (Pn532CommandCode)data[0];
        if (command == Pn532CommandCode.InDataExchange && data.Length >= 3 && data[2] is 0x60 or 0x61 && data.Length != 2 + 12)
        {
            // The chip checks MIFARE AUTH itself: anything but key(6) + UID(4) is a syntax error, not a tag NAK.
            _output.Enqueue(Pn532FrameWriter.ApplicationError.ToArray());
            return true;
        }

        var response = Execute(command, data[1..]);
        if (response is null || fault == EmulatedPn532Fault.NoAnswer)
        {
            return true;
        }

        var payload = new byte[response.Length + 1];
        payload[0] = (byte)(data[0] + 1);
        response.CopyTo(payload, 1);
        var responseFrame = Pn532FrameWriter.Information(Pn532FrameWriter.Pn532ToHost, payload);
        _lastResponse = responseFrame;
        if (fault == EmulatedPn532Fault.LineNoise)
        {
            _output.Enqueue([0x13, 0x37, 0xFF, 0x00, 0x42]);
        }

        if (fault == EmulatedPn532Fault.TruncatedAnswer)
        {
            _output.Enqueue(responseFrame[..(responseFrame.Length / 2)]);
        }
        else if (fault == EmulatedPn532Fault.BadChecksum)
        {
            var corrupt = (byte[])responseFrame.Clone();
            corrupt[^2] ^= 0x5A;
            _correctedResponse = responseFrame;
            _lastResponse = corrupt;
            _output.Enqueue(corrupt);
        }
        else
        {
            _output.Enqueue(responseFrame);
        }

        return true;
    }

    // Returns the response data after the response code, or null when the chip stays silent.
    private byte[]? Execute(Pn532CommandCode command, ReadOnlySpan<byte> parameters)
    {
        switch (command)
        {
            case Pn532CommandCode.GetFirmwareVersion:
                return FirmwareVersion;
            case Pn532CommandCode.Diagnose:
                return parameters.Length > 0 && parameters[0] == 0x00 ? parameters.ToArray() : [0x00];
            case Pn532CommandCode.SamConfiguration:
            case Pn532CommandCode.RfConfiguration:
            case Pn532CommandCode.SetParameters:
                return [];
            case Pn532CommandCode.PowerDown:
                return [0x00];
            case Pn532CommandCode.InListPassiveTarget:
                return ListPassiveTarget(parameters);
            case Pn532CommandCode.InDataExchange:
                return parameters.IsEmpty ? [0x27] : Exchange(parameters[0] == 1, parameters[1..]);
            case Pn532CommandCode.InCommunicateThru:
                return Exchange(true, parameters);
            case Pn532CommandCode.InRelease:
            case Pn532CommandCode.InDeselect:
                _tagActive = false;
                return [0x00];
            case Pn532CommandCode.TgInitAsTarget:
                // Without a (simulated) phone the real chip waits forever; the host aborts with ACK.
                return _initiatorCommands.TryDequeue(out var first) ? [0x04, .. first] : null;
            case Pn532CommandCode.TgGetData:
                return _initiatorCommands.TryDequeue(out var next) ? [0x00, .. next] : [0x29];
            case Pn532CommandCode.TgSetData:
                _targetAnswers.Add(parameters.ToArray());
                return [0x00];
            default:
                return null;
        }
    }

    private byte[] ListPassiveTarget(ReadOnlySpan<byte> parameters)
    {
        if (parameters.Length < 2 || parameters[1] != 0x00 || _tag is null)
        {
            return [0x00];
        }

        _tagActive = true;
        var tag = _tag;
        byte[] header = [0x01, 0x01, (byte)(tag.Atqa >> 8), (byte)tag.Atqa, tag.Sak, (byte)tag.Uid.Length];
        return [.. header, .. tag.Uid];
    }

    private byte[] Exchange(bool targetKnown, ReadOnlySpan<byte> command)
    {
        if (!targetKnown || !_tagActive)
        {
            return [(byte)Pn532Status.CommandNotAcceptable];
        }

        if (_removeTagOnNextExchange)
        {
            _removeTagOnNextExchange = false;
            _tag = null;
            _tagActive = false;
        }

        if (_tag is null)
        {
            return [(byte)Pn532Status.Timeout];
        }

        var answer = _tag.Process(command);
        return answer.Kind switch
        {
            VirtualTagAnswerKind.Data => [0x00, .. answer.Data],
            // The PN532 reports a tag's 4-bit NAK as a MIFARE error.
            VirtualTagAnswerKind.Nak => [(byte)Pn532Status.Authentication],
            _ => [(byte)Pn532Status.Timeout],
        };
    }

    private void Drop(int count)
    {
        count = Math.Clamp(count, 0, _inputCount);
        _input.AsSpan(count, _inputCount - count).CopyTo(_input);
        _inputCount -= count;
    }
}
