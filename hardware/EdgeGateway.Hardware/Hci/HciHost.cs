using System.Buffers.Binary;
using System.Globalization;
using EdgeGateway.Hardware.Hci.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// The host side of an HCI link over any duplex byte stream carrying H4 packets (user channel socket,
/// UART, or the emulator). Sends commands one credit at a time as the controller allows
/// (Num_HCI_Command_Packets), matches Command Complete/Status to the waiting command, and hands LE
/// advertising reports to <see cref="AdvertisingReport"/> handlers in place. Bad input is counted per
/// kind, logged once per kind with its bytes in hex, and never escapes the receive loop.
/// </summary>
public sealed class HciHost : IAsyncDisposable
{
    private static readonly Action<ILogger, HciInputError, string, string, Exception?> LogBadInput =
        LoggerMessage.Define<HciInputError, string, string>(LogLevel.Warning, new EventId(1, "HciBadInput"),
            "HCI bad input {Kind}: {Reason}; bytes {Hex} (further ones of this kind are only counted)");

    private readonly Stream _stream;
    private readonly HciHostOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly H4PacketFramer _framer = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<ushort, TaskCompletionSource<byte[]>> _pending = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly H4PacketHandler _onPacket;
    private readonly HciInputErrorHandler _onError;
    private readonly AdvertisingReportHandler _onReport;
    private TaskCompletionSource? _creditWaiter;
    private int _credits = 1;
    private Task? _receiveLoop;
    private long _reports;

    public HciHost(Stream stream, HciHostOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _options = options ?? new HciHostOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _onPacket = OnPacket;
        _onError = OnInputError;
        _onReport = OnReport;
    }

    /// <summary>Called for every complete advertising report, on the receive loop's thread.</summary>
    public AdvertisingReportHandler? AdvertisingReportReceived { get; set; }

    public HciInputCounters InputErrors { get; } = new();

    /// <summary>The connection layer (ACL data, connection events), when one is attached; a pure scanner leaves it null.</summary>
    public IHciConnectionEvents? Connections { get; set; }

    /// <summary>Advertising reports delivered since start.</summary>
    public long ReportsReceived => Interlocked.Read(ref _reports);

    /// <summary>Completes when the receive loop ends (stream closed or host disposed).</summary>
    public Task Completion => _receiveLoop ?? Task.CompletedTask;

    /// <summary>Starts the receive loop. Call once, before the first command.</summary>
    public void Start()
    {
        if (_receiveLoop is not null)
        {
            throw new InvalidOperationException("The HCI host is already started.");
        }

        _receiveLoop = Task.Run(() => ReceiveLoopAsync(_stop.Token));
    }

    /// <summary>Sends a command and returns the return parameters after the status byte of its Command Complete
    /// (empty for a command answered with Command Status). A non-zero status throws <see cref="HciException"/>.</summary>
    public Task<byte[]> SendCommandAsync(HciCommand command, CancellationToken cancellationToken) =>
        SendCommandAsync(command, _options.CommandTimeout, cancellationToken);

    /// <summary>As <see cref="SendCommandAsync(HciCommand, CancellationToken)"/> with this command's own timeout
    /// (a Reset after a controller crash, or a vendor firmware command, may need longer than the default).</summary>
    public async Task<byte[]> SendCommandAsync(HciCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (_receiveLoop is null || _receiveLoop.IsCompleted)
        {
            throw new InvalidOperationException("The HCI host is not running: call Start() first, or the transport has closed.");
        }

        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        await AcquireCreditAsync(command.Opcode, deadline, timeout, cancellationToken);
        var completion = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_pending.TryAdd(command.Opcode, completion))
            {
                _credits++;
                throw new InvalidOperationException($"Command {HciNames.Opcode(command.Opcode)} is already waiting for its response.");
            }
        }

        try
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await _stream.WriteAsync(command.ToH4Packet(), cancellationToken);
            }
            finally
            {
                _writeLock.Release();
            }

            return await completion.Task.WaitAsync(Remaining(deadline), _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The controller may have lost the command; as BlueZ does, assume it can take one again.
            SetCredits(1);
            throw new HciCommandTimeoutException(command.Opcode, timeout);
        }
        finally
        {
            lock (_gate)
            {
                if (_pending.TryGetValue(command.Opcode, out var current) && current == completion)
                {
                    _pending.Remove(command.Opcode);
                }
            }
        }
    }

    /// <summary>Writes one whole H4 ACL packet (indicator included); flow control is the caller's (the connection layer's).</summary>
    public async Task WriteAclAsync(ReadOnlyMemory<byte> h4Packet, CancellationToken cancellationToken)
    {
        if (_receiveLoop is null || _receiveLoop.IsCompleted)
        {
            throw new InvalidOperationException("The HCI host is not running: call Start() first, or the transport has closed.");
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(h4Packet, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _stream.DisposeAsync();
        if (_receiveLoop is not null)
        {
            try
            {
                await _receiveLoop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>Feeds received bytes straight into the framer and dispatcher, bypassing the stream (benchmarks, fuzzing).</summary>
    public void Receive(ReadOnlySpan<byte> bytes) => _framer.Append(bytes, _onPacket, _onError);

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await _stream.ReadAsync(_framer.GetWriteBuffer(), cancellationToken);
                if (read == 0)
                {
                    _framer.Complete(_onError);
                    break;
                }

                _framer.Advance(read);
                _framer.Drain(_onPacket, _onError);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            failure = ex;
            _logger.LogWarning(ex, "HCI transport closed: {Message}", ex.Message);
        }
        finally
        {
            FailPending(failure);
        }
    }

    private void FailPending(Exception? cause)
    {
        List<TaskCompletionSource<byte[]>> waiting;
        lock (_gate)
        {
            waiting = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var w in waiting)
        {
            w.TrySetException(new IOException("The HCI transport closed before the controller answered.", cause));
        }
    }

    private void OnPacket(H4PacketType type, ReadOnlySpan<byte> packet)
    {
        if (type == H4PacketType.AclData && Connections is { } connections)
        {
            connections.OnAclData(packet);
            return;
        }

        if (type != H4PacketType.Event)
        {
            OnInputError(HciInputError.UnexpectedPacket, $"{type} packet from the controller is not handled by a scanner", packet[..Math.Min(packet.Length, 16)]);
            return;
        }

        try
        {
            OnEvent((HciEventCode)packet[0], packet[2..]);
        }
        catch (Exception ex)
        {
            // A report handler that throws must not stop the radio; it is counted with the event that triggered it.
            OnInputError(HciInputError.MalformedEvent, $"handler failed: {ex.GetType().Name}: {ex.Message}", packet);
        }
    }

    private void OnEvent(HciEventCode code, ReadOnlySpan<byte> parameters)
    {
        switch (code)
        {
            case HciEventCode.LeMeta when parameters.Length >= 1:
                OnLeMeta((LeSubeventCode)parameters[0], parameters);
                break;
            case HciEventCode.CommandComplete when parameters.Length >= 3:
                OnCommandResponse(parameters[0], BinaryPrimitives.ReadUInt16LittleEndian(parameters[1..]), parameters[3..], complete: true, parameters);
                break;
            case HciEventCode.CommandStatus when parameters.Length >= 4:
                OnCommandResponse(parameters[1], BinaryPrimitives.ReadUInt16LittleEndian(parameters[2..]), parameters[..1], complete: false, parameters);
                break;
            case HciEventCode.LeMeta or HciEventCode.CommandComplete or HciEventCode.CommandStatus:
                OnInputError(HciInputError.MalformedEvent, $"{code} event with only {parameters.Length} parameter bytes", parameters);
                break;
            case HciEventCode.HardwareError:
                OnInputError(HciInputError.HardwareError, "controller reported Hardware Error", parameters);
                break;
            case HciEventCode.DisconnectionComplete or HciEventCode.NumberOfCompletedPackets when Connections is { } connections:
                connections.OnEvent(code, parameters);
                break;
            case HciEventCode.DisconnectionComplete or HciEventCode.EncryptionChange or HciEventCode.ReadRemoteVersionInformationComplete
                or HciEventCode.NumberOfCompletedPackets or HciEventCode.DataBufferOverflow or HciEventCode.VendorSpecific:
                break;
            default:
                OnInputError(HciInputError.UnknownEvent, string.Create(CultureInfo.InvariantCulture, $"event code 0x{(byte)code:X2}"), parameters);
                break;
        }
    }

    private void OnLeMeta(LeSubeventCode subevent, ReadOnlySpan<byte> parameters)
    {
        string? error;
        switch (subevent)
        {
            case LeSubeventCode.AdvertisingReport:
                error = AdvertisingReportParser.ParseLegacy(parameters[1..], _onReport);
                break;
            case LeSubeventCode.ExtendedAdvertisingReport:
                error = AdvertisingReportParser.ParseExtended(parameters[1..], _onReport);
                break;
            case var _ when Connections?.OnLeMeta(subevent, parameters[1..]) == true:
                return;
            default:
                OnInputError(HciInputError.UnknownEvent, string.Create(CultureInfo.InvariantCulture, $"LE subevent 0x{(byte)subevent:X2}"), parameters);
                return;
        }

        if (error is not null)
        {
            OnInputError(HciInputError.MalformedAdvertisingReport, error, parameters);
        }
    }

    private void OnReport(in AdvertisingReport report)
    {
        Interlocked.Increment(ref _reports);
        AdvertisingReportReceived?.Invoke(in report);
    }

    private void OnCommandResponse(byte credits, ushort opcode, ReadOnlySpan<byte> result, bool complete, ReadOnlySpan<byte> raw)
    {
        SetCredits(credits);
        if (opcode == 0)
        {
            // NOP: the controller only announces how many commands it accepts (typical after power-up).
            return;
        }

        TaskCompletionSource<byte[]>? waiter;
        lock (_gate)
        {
            _pending.Remove(opcode, out waiter);
        }

        if (waiter is null)
        {
            OnInputError(HciInputError.UnexpectedCommandResponse, $"response for {HciNames.Opcode(opcode)} that no command is waiting for", raw);
            return;
        }

        var status = result.IsEmpty ? (byte)0 : result[0];
        if (status != 0)
        {
            waiter.TrySetException(new HciException(opcode, status));
        }
        else
        {
            waiter.TrySetResult(complete && result.Length > 1 ? result[1..].ToArray() : []);
        }
    }

    private void OnInputError(HciInputError kind, string reason, ReadOnlySpan<byte> bytes)
    {
        if (InputErrors.Increment(kind))
        {
            LogBadInput(_logger, kind, reason, Convert.ToHexString(bytes[..Math.Min(bytes.Length, 300)]), null);
        }
    }

    private async ValueTask AcquireCreditAsync(ushort opcode, long deadline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task waitFor;
            lock (_gate)
            {
                if (_credits > 0)
                {
                    _credits--;
                    return;
                }

                _creditWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waitFor = _creditWaiter.Task;
            }

            try
            {
                await waitFor.WaitAsync(Remaining(deadline), _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                SetCredits(1);
                throw new HciCommandTimeoutException(opcode, timeout);
            }
        }
    }

    private void SetCredits(int credits)
    {
        TaskCompletionSource? waiter = null;
        lock (_gate)
        {
            _credits = credits;
            if (credits > 0)
            {
                waiter = _creditWaiter;
                _creditWaiter = null;
            }
        }

        waiter?.TrySetResult();
    }

    private TimeSpan Remaining(long deadline)
    {
        var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
