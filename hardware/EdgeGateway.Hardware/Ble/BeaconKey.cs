using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdgeGateway.Hardware.Ble.Decoders;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Hardware.Ble;

/// <summary>
/// A beacon's stable identity as a value (no string on the hot path): iBeacon UUID+major+minor,
/// Eddystone namespace+instance, else the BD_ADDR. <see cref="ToString"/> gives the text form
/// `ibeacon:&lt;uuid&gt;:&lt;major&gt;:&lt;minor&gt;`, `eddystone:&lt;namespace&gt;:&lt;instance&gt;` or `aa:bb:cc:dd:ee:ff`.
/// </summary>
public readonly record struct BeaconKey(BeaconIdKind Kind, UInt128 High, uint Low)
{
    public static BeaconKey ForIBeacon(in IBeaconFrame frame) => new(BeaconIdKind.IBeacon, frame.UuidValue, ((uint)frame.Major << 16) | frame.Minor);

    public static BeaconKey ForEddystone(in EddystoneUidFrame frame) => new(BeaconIdKind.Eddystone, (frame.Namespace << 48) | frame.Instance, 0);

    public static BeaconKey ForAddress(BluetoothAddress address) => new(BeaconIdKind.Address, address.Value, 0);

    public override string ToString() => Kind switch
    {
        BeaconIdKind.IBeacon => string.Create(CultureInfo.InvariantCulture,
            $"ibeacon:{Uuids.FromUInt128(High):D}:{Low >> 16}:{Low & 0xFFFF}"),
        BeaconIdKind.Eddystone => string.Create(CultureInfo.InvariantCulture,
            $"eddystone:{(High >> 48).ToString("x20", CultureInfo.InvariantCulture)}:{((ulong)High & 0xFFFF_FFFF_FFFF).ToString("x12", CultureInfo.InvariantCulture)}"),
        _ => new BluetoothAddress((ulong)High).ToString(),
    };

    /// <summary>Parses the text form (case-insensitive hex).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BeaconKey key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().ToLowerInvariant().Split(':');
        if (parts is ["ibeacon", var uuid, var major, var minor]
            && Guid.TryParseExact(uuid, "D", out var guid)
            && ushort.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var ma)
            && ushort.TryParse(minor, NumberStyles.None, CultureInfo.InvariantCulture, out var mi))
        {
            key = new BeaconKey(BeaconIdKind.IBeacon, Uuids.ToUInt128(guid), ((uint)ma << 16) | mi);
            return true;
        }

        if (parts is ["eddystone", { Length: 20 } ns, { Length: 12 } instance]
            && UInt128.TryParse(ns, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n)
            && ulong.TryParse(instance, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var i))
        {
            key = new BeaconKey(BeaconIdKind.Eddystone, (n << 48) | i, 0);
            return true;
        }

        if (BluetoothAddress.TryParse(text.Trim(), out var address))
        {
            key = ForAddress(address);
            return true;
        }

        return false;
    }
}
