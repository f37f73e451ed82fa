using System.Globalization;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Ble.Decoders;

namespace EdgeGateway.Edge.Tracking;

/// <summary>
/// Allow and deny lists over beacon identities, matched as values (no strings per report): exact ids,
/// or every beacon of one iBeacon UUID / one Eddystone namespace.
/// </summary>
public sealed class BeaconFilter
{
    private readonly HashSet<BeaconKey> _allowExact = [];
    private readonly HashSet<(BeaconIdKind, UInt128)> _allowPrefix = [];
    private readonly HashSet<BeaconKey> _denyExact = [];
    private readonly HashSet<(BeaconIdKind, UInt128)> _denyPrefix = [];
    private readonly bool _allowAll;

    public BeaconFilter(IEnumerable<string> allow, IEnumerable<string> deny)
    {
        ArgumentNullException.ThrowIfNull(allow);
        ArgumentNullException.ThrowIfNull(deny);
        Load(allow, _allowExact, _allowPrefix);
        Load(deny, _denyExact, _denyPrefix);
        _allowAll = _allowExact.Count == 0 && _allowPrefix.Count == 0;
    }

    public bool Allows(in BeaconKey key)
    {
        if (_denyExact.Contains(key) || _denyPrefix.Contains(Prefix(key)))
        {
            return false;
        }

        return _allowAll || _allowExact.Contains(key) || _allowPrefix.Contains(Prefix(key));
    }

    /// <summary>A full id is an exact entry; `ibeacon:&lt;uuid&gt;` and `eddystone:&lt;namespace&gt;` are prefixes.</summary>
    public static bool TryParseEntry(string? text, out (bool Prefix, BeaconKey Key) entry)
    {
        entry = default;
        if (BeaconKey.TryParse(text, out var key))
        {
            entry = (false, key);
            return true;
        }

        var parts = text?.Trim().ToLowerInvariant().Split(':');
        if (parts is ["ibeacon", var uuid] && Guid.TryParseExact(uuid, "D", out var guid))
        {
            entry = (true, new BeaconKey(BeaconIdKind.IBeacon, Uuids.ToUInt128(guid), 0));
            return true;
        }

        if (parts is ["eddystone", { Length: 20 } ns] && UInt128.TryParse(ns, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n))
        {
            entry = (true, new BeaconKey(BeaconIdKind.Eddystone, n << 48, 0));
            return true;
        }

        return false;
    }

    private static (BeaconIdKind, UInt128) Prefix(in BeaconKey key) => key.Kind switch
    {
        BeaconIdKind.IBeacon => (key.Kind, key.High),
        BeaconIdKind.Eddystone => (key.Kind, key.High >> 48 << 48),
        _ => (key.Kind, key.High),
    };

    private static void Load(IEnumerable<string> entries, HashSet<BeaconKey> exact, HashSet<(BeaconIdKind, UInt128)> prefixes)
    {
        foreach (var text in entries)
        {
            if (!TryParseEntry(text, out var entry))
            {
                throw new ArgumentException($"'{text}' is not a beacon id or id prefix", nameof(entries));
            }

            if (entry.Prefix)
            {
                prefixes.Add((entry.Key.Kind, entry.Key.High));
            }
            else
            {
                exact.Add(entry.Key);
            }
        }
    }
}
