using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Fuzzing.Targets;

/// <summary>AD structures and every beacon decoder, both through the decoder and on raw frame bytes.</summary>
public sealed class AdvertisementTarget : IFuzzTarget
{
    public string Name => "ad";

    public IReadOnlyList<byte[]> Seeds { get; } = Hex.All(
        "020106" + "1AFF4C000215" + "E2C56DB5DFFB48D2B060D0F5A71096E0" + "0001" + "0002" + "C5",
        "1BFF1801BEAC" + "2F234454CF6D4A0FADF2F4911BA9FFA6" + "0001" + "0002" + "C5" + "00",
        "0303AAFE" + "1516AAFE00E7" + "8B6CFA94B15E6F1AB6D4" + "000000000001",
        "0303AAFE" + "0B16AAFE10EB0261026102",
        "1116AAFE20000BB8178000000010" + "00000064",
        "1116AAFE2000000080000000000100000001",
        "1BFF9904" + "0512FC5394C37C0004FFFC040CAC364200CDCBB8334C884F",
        "1BFF9904" + "057FFFFFFEFFFE7FFF7FFF7FFFFFDEFEFFFECBB8334C884F",
        "020106" + "05FF590001FF" + "05160D18AB01" + "0409616263",
        "0D16AAFE30F8" + "0102030405060708");

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = AdvertisementDecoder.Decode(input, out var advertisement);
        if (advertisement.Has(BeaconFrameKinds.EddystoneUrl))
        {
            _ = advertisement.EddystoneUrl.ToUrl();
        }

        _ = IBeaconFrame.TryParse(input, out _, out _);
        _ = AltBeaconFrame.TryParse(input, out _, out _);
        _ = RuuviRawV2Frame.TryParse(input, out _, out _);
        _ = EddystoneUidFrame.TryParse(input, out _, out _);
        _ = EddystoneTlmFrame.TryParse(input, out _, out _);
        _ = EddystoneEidFrame.TryParse(input, out _, out _);
        if (EddystoneUrlFrame.TryParse(input, out var url, out _) == FrameMatch.Decoded)
        {
            _ = url.ToUrl();
        }
    }
}
