using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EdgeGateway.Edge.Nfc;
using EdgeGateway.Hardware.Emulation.Links;
using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Pn532;
using EdgeGateway.Hardware.Pn532.Transports;
using EdgeGateway.Protocol.Serialization;

namespace EdgeGateway.Benchmarks.Nfc;

/// <summary>
/// Tap to TagRead: InListPassiveTarget, NTAG identification, READ_CNT, READ_SIG, NDEF read, mapping and
/// JSON, against the emulated PN532 behind the real HSU driver. With <see cref="BaudRate"/> = 115200
/// the emulator paces every byte like a UART, so the result compares directly with the wire time the
/// global setup computes from the bytes exchanged; with 0 the link is instant and what remains is the
/// driver's own cost.
/// </summary>
[MemoryDiagnoser]
public class TapToTagReadBenchmarks
{
    private DuplexLink _link = null!;
    private EmulatedPn532HsuPort _port = null!;
    private Pn532 _pn532 = null!;
    private NfcReaderSession _session = null!;

    [Params(0, 115200)]
    public int BaudRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _link = new DuplexLink();
        _port = new EmulatedPn532HsuPort(NfcSimulation.CreateReaderWithDemoTag(), _link.DeviceEnd, BaudRate);
        _pn532 = new Pn532(new Pn532HsuTransport(_link.HostEnd));
        _session = new NfcReaderSession(_pn532);
        _session.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();

        var commandsBefore = _pn532.Counters.Commands;
        var sentBefore = _port.BytesFromHost;
        var receivedBefore = _port.BytesToHost;
        TapAsync().GetAwaiter().GetResult();
        var sent = _port.BytesFromHost - sentBefore;
        var received = _port.BytesToHost - receivedBefore;
        // 8N1: 10 bit times per byte; a PN532 exchange is half duplex, so both directions add up.
        var wireMs = (sent + received) * 10.0 / Pn532HsuTransport.BaudRate * 1000;
        Console.WriteLine($"// tap exchange: {_pn532.Counters.Commands - commandsBefore} PN532 commands, {sent} bytes host->PN532, {received} bytes PN532->host; wire time at 115200 8N1 = {wireMs:0.000} ms");
    }

    [Benchmark]
    public Task<int> TapToTagRead() => TapAsync();

    private async Task<int> TapAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        var target = await _session.PollAsync(CancellationToken.None) ?? throw new InvalidOperationException("demo tag missing");
        var snapshot = await _session.ReadAsync(target, CancellationToken.None);
        var item = TagReadItemFactory.Create(snapshot, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetElapsedTime(started));
        var json = JsonSerializer.SerializeToUtf8Bytes(item, ProtocolJsonContext.Default.TagReadItem);
        await _session.ReleaseAsync(CancellationToken.None);
        return json.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pn532.Dispose();
        _port.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
