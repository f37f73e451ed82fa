using System.Globalization;

namespace EdgeGateway.CloudBridge.Connectors.Beaconstac;

/// <summary>
/// Matches the fleet's beacon identities (`ibeacon:&lt;uuid&gt;:&lt;major&gt;:&lt;minor&gt;`, `eddystone:&lt;namespace&gt;:&lt;instance&gt;`,
/// `aa:bb:cc:dd:ee:ff`) with the platform's beacon fields (UUID/major/minor, eddystone_nid/eddystone_bid,
/// serial_number — the seed's example serial is the 12-hex-digit Bluetooth address, as eddystone_bid).
/// </summary>
internal static class BeaconIdentity
{
    /// <summary>Every fleet identity a platform beacon can be heard under, most specific first, lower case.</summary>
    public static IEnumerable<string> FleetIds(PlatformBeacon beacon)
    {
        if (beacon.Uuid is { } uuid && Guid.TryParse(uuid, out var guid) && beacon.Major is { } major && beacon.Minor is { } minor)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"ibeacon:{guid:D}:{major}:{minor}");
        }

        if (beacon.EddystoneNid is { Length: 20 } nid && beacon.EddystoneBid is { Length: 12 } bid && IsHex(nid) && IsHex(bid))
        {
            yield return $"eddystone:{nid.ToLowerInvariant()}:{bid.ToLowerInvariant()}";
        }

        if (AddressOfSerial(beacon.SerialNumber) is { } address)
        {
            yield return address;
        }
    }

    /// <summary>`0117C53F26D6` → `01:17:c5:3f:26:d6`; null when the serial is not 12 hex digits.</summary>
    public static string? AddressOfSerial(string? serial)
    {
        if (serial is not { Length: 12 } || !IsHex(serial))
        {
            return null;
        }

        var lower = serial.ToLowerInvariant();
        return string.Join(':', Enumerable.Range(0, 6).Select(i => lower.Substring(i * 2, 2)));
    }

    /// <summary>`01:17:c5:3f:26:d6` → `0117C53F26D6` (the serial_number filter value); null when the id is not an address.</summary>
    public static string? SerialOfAddress(string beaconId)
    {
        ArgumentNullException.ThrowIfNull(beaconId);
        var hex = beaconId.Replace(":", string.Empty, StringComparison.Ordinal);
        return beaconId.Length == 17 && hex.Length == 12 && IsHex(hex) ? hex.ToUpperInvariant() : null;
    }

    /// <summary>
    /// The platform's battery is a whole percentage; the fleet reports millivolts. A linear map over a coin cell's
    /// useful range (2.0 V empty, 3.0 V full), clamped to 0–100, is what beacon vendors' dashboards show.
    /// </summary>
    public static int? BatteryPercent(int? millivolts) =>
        millivolts is { } mv ? Math.Clamp((int)Math.Round((mv - 2000) / 10.0, MidpointRounding.AwayFromZero), 0, 100) : null;

    /// <summary>The platform's temperature is whole °C.</summary>
    public static int? WholeDegrees(double? celsius) =>
        celsius is { } c && double.IsFinite(c) ? (int)Math.Round(c, MidpointRounding.AwayFromZero) : null;

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);
}
