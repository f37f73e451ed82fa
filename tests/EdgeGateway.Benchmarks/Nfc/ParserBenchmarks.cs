using BenchmarkDotNet.Attributes;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Pn532.Frames;

namespace EdgeGateway.Benchmarks.Nfc;

/// <summary>The PN532 frame parser (allocation-free by design) and the NDEF TLV scan + message parse.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly byte[] _firmwareAnswer = Convert.FromHexString("0000FF06FAD50332010607E800");
    private readonly byte[] _noisyAck = Convert.FromHexString("13374255550000FF00FF00");
    private readonly byte[] _tagMemory = NdefTlv.Wrap(new NdefMessage(
        [NdefRecord.CreateUri("https://edgegateway.example/t/demo-shelf-1"), NdefRecord.CreateText("Shelf 1, aisle 4", "en")]).ToBytes());

    [Benchmark]
    public int ParseFrame() => Pn532FrameParser.Parse(_firmwareAnswer).Length;

    [Benchmark]
    public int ParseFrameAfterNoise() => Pn532FrameParser.Parse(_noisyAck).Consumed;

    [Benchmark]
    public int ParseNdef()
    {
        var (offset, length) = NdefTlv.Find(_tagMemory, 144, out _);
        return NdefMessage.Parse(_tagMemory.AsSpan(offset, length)).Records.Count;
    }
}
