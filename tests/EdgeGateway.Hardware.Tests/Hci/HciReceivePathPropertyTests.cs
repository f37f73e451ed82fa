using FsCheck;
using FsCheck.Fluent;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Tests.Hci;

/// <summary>
/// Property: whatever bytes arrive from the controller (random, valid events, valid events with lying
/// lengths or flipped bytes, split anywhere), the receive path never throws, never hangs, and every
/// report it delivers decodes without an exception. Bounded by test count and a wall-clock limit.
/// </summary>
public class HciReceivePathPropertyTests
{
    private static readonly Config Bounded = Config.QuickThrowOnFailure.WithMaxTest(2000).WithEndSize(200);

    // Real packets to build on: LE Advertising Report with an iBeacon, an extended report with Eddystone-TLM,
    // a Command Complete for Reset, and a Ruuvi report.
    private static readonly byte[][] Valid =
    [
        Convert.FromHexString("043E2A02010301123E6A8D7CC41E0201061AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5BD"),
        Convert.FromHexString("043E330D011000006655443322110100FFFCBA" + "000000000000000000" + "19" + "0201060303AAFE1116AAFE20000BB8178000000010" + "00000064"),
        Convert.FromHexString("040E0401030C00"),
        Convert.FromHexString("043E2B02010301AABBCCDDEEFF1F0201061BFF99040512FC5394C37C0004FFFC040CAC364200CDCBB8334C884FC0"),
    ];

    private static Arbitrary<byte[]> ControllerBytes()
    {
        var anyByte = Gen.Choose(0, 255).Select(b => (byte)b);
        var valid = Gen.Elements(Valid);
        var mutated = Gen.Zip(valid, Gen.Zip(Gen.Choose(0, 60), anyByte)).Select(t =>
        {
            var copy = (byte[])t.Item1.Clone();
            copy[t.Item2.Item1 % copy.Length] = t.Item2.Item2;
            return copy;
        });
        var truncated = Gen.Zip(valid, Gen.Choose(1, 60)).Select(t => t.Item1[..Math.Max(1, t.Item1.Length - t.Item2)]);
        var piece = Gen.OneOf(valid, mutated, truncated, Gen.ArrayOf(anyByte));
        return Gen.ListOf(piece).Select(parts => parts.SelectMany(p => p).ToArray()).ToArbitrary();
    }

    [Fact]
    public async Task Any_controller_bytes_are_survived_and_accounted_for()
    {
        var property = Prop.ForAll(ControllerBytes(), Gen.Choose(1, 64).ToArbitrary(), (bytes, chunk) =>
        {
            var host = new HciHost(Stream.Null);
            var delivered = 0L;
            host.AdvertisingReportReceived = (in AdvertisingReport report) =>
            {
                AdvertisementDecoder.Decode(report.Data, out var ad);
                _ = ad.Identity(report.Address).ToString();
                delivered++;
            };
            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                host.Receive(bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset)));
            }

            return delivered == host.ReportsReceived;
        });

        await Task.Run(() => Check.One(Bounded, property), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_seed_packets_are_themselves_valid()
    {
        var host = new HciHost(Stream.Null);
        foreach (var packet in Valid)
        {
            host.Receive(packet);
        }

        Assert.Equal(3, host.ReportsReceived);
        Assert.Equal(1, host.InputErrors.Total);
        Assert.Equal(1, host.InputErrors[HciInputError.UnexpectedCommandResponse]);
    }

    [Fact]
    public void Valid_packets_after_garbage_are_still_delivered()
    {
        var property = Prop.ForAll(Gen.ArrayOf(Gen.Choose(0x06, 0xFF).Select(b => (byte)b)).ToArbitrary(), garbage =>
        {
            // Garbage made only of bytes that are not packet indicators (0x06-0xFF) resyncs byte by byte.
            var host = new HciHost(Stream.Null);
            host.Receive([.. garbage, .. Valid[0]]);
            return host.ReportsReceived == 1 && host.InputErrors[HciInputError.UnknownPacketType] == garbage.Length;
        });
        Check.One(Bounded, property);
    }
}
