using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>
/// The host's receive path: H4 framing, event dispatch, LE meta subevents, advertising report splitting, then the
/// advertisement decoders on every report, exactly as the radio service chains them.
/// </summary>
public sealed class HciEventTarget : IFuzzTarget
{
    public string Name => "hci";

    public IReadOnlyList<byte[]> Seeds { get; } = Hex.All(
        "043E2A02010301123E6A8D7CC41E0201061AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5BD",
        "043E330D011000006655443322110100FFFCBA" + "000000000000000000" + "19" + "0201060303AAFE1116AAFE20000BB8178000000010" + "00000064",
        "040E0401030C00",
        "043E2B02010301AABBCCDDEEFF1F0201061BFF99040512FC5394C37C0004FFFC040CAC364200CDCBB8334C884FC0",
        "040F0400010C20",
        "02010020040000000000");

    public void Run(ReadOnlySpan<byte> input)
    {
        using var stream = new MemoryStream();
        var host = new HciHost(stream)
        {
            AdvertisingReportReceived = static (in AdvertisingReport report) => AdvertisementDecoder.Decode(report.Data, out _),
        };
        host.Receive(input);
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
