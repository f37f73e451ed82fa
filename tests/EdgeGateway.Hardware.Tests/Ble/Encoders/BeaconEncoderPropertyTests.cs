using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Encoders;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeGateway.Hardware.Tests.Ble.Encoders;

/// <summary>Property tests: whatever the encoders accept, the decoder reads back unchanged, in valid 31-byte legacy data.</summary>
public class BeaconEncoderPropertyTests
{
    private static readonly Config Bounded = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(b => (byte)b);

    [Fact]
    public void IBeacon_round_trips()
    {
        var input =
            from uuidBytes in Gen.ArrayOf(AnyByte, 16)
            from major in Gen.Choose(0, 65535)
            from minor in Gen.Choose(0, 65535)
            from power in Gen.Choose(-128, 127)
            select (uuidBytes, major, minor, power);
        Check.One(Bounded, Prop.ForAll(input.ToArbitrary(), v =>
        {
            var (uuidBytes, major, minor, power) = v;
            var uuid = new Guid(uuidBytes);
            var ad = Decoded(IBeaconEncoder.Encode(uuid, (ushort)major, (ushort)minor, (sbyte)power));
            return ad.IBeacon.Uuid == uuid && ad.IBeacon.Major == major && ad.IBeacon.Minor == minor && ad.IBeacon.TxPower == power;
        }));
    }

    [Fact]
    public void Eddystone_uid_round_trips()
    {
        var input =
            from nsBytes in Gen.ArrayOf(AnyByte, 10)
            from instanceBytes in Gen.ArrayOf(AnyByte, 6)
            from power in Gen.Choose(-128, 127)
            select (nsBytes, instanceBytes, power);
        Check.One(Bounded, Prop.ForAll(input.ToArbitrary(), v =>
        {
            var (nsBytes, instanceBytes, power) = v;
            var ns = nsBytes.Aggregate(UInt128.Zero, (acc, b) => (acc << 8) | b);
            var instance = instanceBytes.Aggregate(0UL, (acc, b) => (acc << 8) | b);
            var ad = Decoded(EddystoneUidEncoder.Encode((sbyte)power, ns, instance));
            return ad.EddystoneUid.Namespace == ns && ad.EddystoneUid.Instance == instance && ad.EddystoneUid.TxPower == power;
        }));
    }

    [Fact]
    public void Eddystone_url_round_trips_or_is_refused_with_a_reason()
    {
        var piece = Gen.OneOf(
            Gen.Elements(".com/", ".org", ".info/", ".gov", "/", "-", "~", "%20", "é", " "),
            Gen.Choose('a', 'z').Select(c => ((char)c).ToString()));
        var url =
            from scheme in Gen.Elements("http://", "https://", "http://www.", "https://www.", "ftp://")
            from parts in Gen.ListOf(piece)
            select scheme + string.Concat(parts);
        Check.One(Bounded, Prop.ForAll(url.ToArbitrary(), u =>
        {
            byte[] data;
            try
            {
                data = EddystoneUrlEncoder.Encode(u, -10);
            }
            catch (ArgumentException ex)
            {
                return ex.Message.Contains(u, StringComparison.Ordinal);
            }

            return Decoded(data).EddystoneUrl.ToUrl() == u;
        }));
    }

    [Fact]
    public void Eddystone_tlm_round_trips()
    {
        var battery = Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 65535).Select(b => (int?)b));
        var temperature = Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(-32767, 32767).Select(t => (int?)t));
        var counters = Gen.Choose(int.MinValue, int.MaxValue).Select(i => unchecked((uint)i));
        var input =
            from mv in battery
            from raw in temperature
            from count in counters
            from uptime in counters
            select (mv, raw, count, uptime);
        Check.One(Bounded, Prop.ForAll(input.ToArbitrary(), v =>
        {
            var (mv, raw, count, uptime) = v;
            double? celsius = raw is { } r ? r / 256.0 : null;
            var tlm = Decoded(EddystoneTlmEncoder.Encode(EddystoneTlmEncoder.ToFrame(mv, celsius, count, uptime))).EddystoneTlm;
            return tlm.BatteryMv == mv && tlm.TemperatureC == celsius && tlm.AdvertisingCount == count && tlm.UptimeTenths == uptime;
        }));
    }

    private static Advertisement Decoded(byte[] data)
    {
        if (LegacyAdvertisingData.Validate(data) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (AdvertisementDecoder.Decode(data, out var ad) is { } error)
        {
            throw new InvalidOperationException(error);
        }

        return ad;
    }
}
