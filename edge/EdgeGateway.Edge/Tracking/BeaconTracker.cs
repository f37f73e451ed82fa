using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Tracking;

/// <summary>
/// Per-beacon state from advertising reports, and the heartbeats that follow from it: one per beacon per
/// interval, and at once for a new beacon, a battery or temperature change beyond its threshold, or a
/// beacon lost after an absence. Frames of one device are merged by address (an Eddystone beacon's TLM
/// and URL frames join its UID identity). The table is a fixed array with a least-recently-seen list, so
/// an update allocates nothing and a full table evicts the beacon heard longest ago (counted).
/// Thread-safe: the radio thread observes while the service thread collects.
/// </summary>
public sealed class BeaconTracker
{
    private const int None = -1;

    private readonly TrackingOptions _options;
    private readonly BeaconFilter _filter;
    private readonly TrackedBeacon[] _slots;
    private readonly Dictionary<BeaconKey, int> _byKey;
    private readonly Dictionary<BluetoothAddress, int> _byAddress;
    private readonly List<int> _pending;
    private readonly Lock _gate = new();
    private readonly long _interval;
    private readonly long _lostAfter;
    private readonly float _alpha;
    private int _free;
    private int _head = None;
    private int _tail = None;
    private int _count;
    private long _reports;
    private long _ignoredWeak;
    private long _ignoredByList;
    private long _ignoredUnknown;
    private long _evicted;
    private long _lost;

    public BeaconTracker(TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
        _filter = new BeaconFilter(options.Allow, options.Deny);
        _slots = new TrackedBeacon[options.MaxBeacons];
        _byKey = new Dictionary<BeaconKey, int>(options.MaxBeacons);
        _byAddress = new Dictionary<BluetoothAddress, int>(options.MaxBeacons);
        _pending = new List<int>(options.MaxBeacons);
        _interval = options.HeartbeatInterval.Ticks;
        _lostAfter = options.LostAfter.Ticks;
        _alpha = (float)options.RssiSmoothing;
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].Next = i + 1 < _slots.Length ? i + 1 : None;
        }

        _free = 0;
    }

    public BeaconTrackerCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new BeaconTrackerCounters(_reports, _ignoredWeak, _ignoredByList, _ignoredUnknown, _evicted, _lost, _count);
            }
        }
    }

    /// <summary>Updates the beacon this report belongs to. <paramref name="advertisement"/> is the decoded report data.</summary>
    public void Observe(in AdvertisingReport report, in Advertisement advertisement, DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        lock (_gate)
        {
            _reports++;
            if (report.Rssi != AdvertisingReport.NotAvailable && report.Rssi < _options.MinRssi)
            {
                _ignoredWeak++;
                return;
            }

            var index = Find(report.Address, advertisement);
            if (index == None)
            {
                if (advertisement.Frames == BeaconFrameKinds.None && !_options.TrackUnknownDevices)
                {
                    _ignoredUnknown++;
                    return;
                }

                var key = advertisement.Identity(report.Address);
                if (!_filter.Allows(key))
                {
                    _ignoredByList++;
                    return;
                }

                index = Add(key, ticks);
            }
            else if (_slots[index].Denied)
            {
                _ignoredByList++;
                _slots[index].LastSeenTicks = ticks;
                MoveToHead(index);
                return;
            }

            Update(ref _slots[index], index, report, advertisement, ticks);
        }
    }

    /// <summary>Adds the heartbeats due at <paramref name="now"/> to <paramref name="heartbeats"/> and returns how many.</summary>
    public int Collect(DateTimeOffset now, ICollection<HeartbeatItem> heartbeats)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        var ticks = now.UtcTicks;
        var added = 0;
        lock (_gate)
        {
            // Lost first, from the least recently seen end: the list is in last-seen order.
            while (_tail != None && ticks - _slots[_tail].LastSeenTicks > _lostAfter)
            {
                if (!_slots[_tail].Denied)
                {
                    heartbeats.Add(ToHeartbeat(_slots[_tail], HeartbeatReasons.Lost, now));
                    added++;
                    _lost++;
                }

                Remove(_tail);
            }

            foreach (var index in _pending)
            {
                ref var beacon = ref _slots[index];
                if (beacon is { InUse: true, PendingReason: { } reason })
                {
                    heartbeats.Add(ToHeartbeat(beacon, reason, now));
                    added++;
                    Reported(ref beacon, ticks);
                }
            }

            _pending.Clear();
            for (var index = _head; index != None; index = _slots[index].Next)
            {
                ref var beacon = ref _slots[index];
                if (!beacon.Denied && ticks >= beacon.NextPeriodicTicks)
                {
                    heartbeats.Add(ToHeartbeat(beacon, HeartbeatReasons.Periodic, now));
                    added++;
                    Reported(ref beacon, ticks);
                }
            }
        }

        return added;
    }

    /// <summary>
    /// Tracked beacons as they stand, most recently seen first (for the live table). <paramref name="max"/> stops
    /// the walk early: it runs under the lock the receive path takes for every report.
    /// </summary>
    public IReadOnlyList<HeartbeatItem> Snapshot(DateTimeOffset now, int max = int.MaxValue)
    {
        lock (_gate)
        {
            var list = new List<HeartbeatItem>(Math.Min(_count, max));
            for (var index = _head; index != None && list.Count < max; index = _slots[index].Next)
            {
                if (!_slots[index].Denied)
                {
                    list.Add(ToHeartbeat(_slots[index], HeartbeatReasons.Periodic, now));
                }
            }

            return list;
        }
    }

    /// <summary>The radio side of one tracked beacon (address, last heard), by identity; false when it is not tracked.</summary>
    public bool TryGetSighting(BeaconKey key, out BeaconSightingInfo sighting)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var index) && (key.Kind != BeaconIdKind.Address || !_byAddress.TryGetValue(new BluetoothAddress((ulong)key.High), out index)))
            {
                sighting = default;
                return false;
            }

            ref var beacon = ref _slots[index];
            sighting = new BeaconSightingInfo(beacon.Address, beacon.AddressType, new DateTimeOffset(beacon.LastSeenTicks, TimeSpan.Zero), beacon.Count,
                beacon.HasMeasuredPower ? beacon.MeasuredPower : null);
            return true;
        }
    }

    /// <summary>The slot of the beacon this report belongs to, or None for a new one.</summary>
    private int Find(BluetoothAddress address, in Advertisement advertisement)
    {
        var carriesIdentity = advertisement.Has(BeaconFrameKinds.IBeacon) || advertisement.Has(BeaconFrameKinds.EddystoneUid);
        if (!carriesIdentity)
        {
            return _byAddress.TryGetValue(address, out var byAddress) ? byAddress : None;
        }

        var key = advertisement.Identity(address);
        if (_byKey.TryGetValue(key, out var index))
        {
            return index;
        }

        // An Eddystone beacon may have been heard first by its TLM/URL frames: give that entry its real identity.
        if (_byAddress.TryGetValue(address, out var sameDevice) && _slots[sameDevice].Key.Kind == BeaconIdKind.Address)
        {
            _byKey.Remove(_slots[sameDevice].Key);
            _slots[sameDevice].Key = key;
            _byKey[key] = sameDevice;
            if (!_filter.Allows(key))
            {
                // Keep the slot, marked, so the device's TLM/URL frames do not come back as a new address-keyed beacon.
                _slots[sameDevice].Denied = true;
                _slots[sameDevice].PendingReason = null;
            }

            return sameDevice;
        }

        return None;
    }

    private int Add(BeaconKey key, long ticks)
    {
        if (_free == None)
        {
            _evicted++;
            Remove(_tail);
        }

        var index = _free;
        ref var beacon = ref _slots[index];
        _free = beacon.Next;
        beacon = new TrackedBeacon
        {
            Key = key,
            InUse = true,
            FirstSeenTicks = ticks,
            NextPeriodicTicks = ticks + _interval,
            TemperatureC = float.NaN,
            ReportedTemperatureC = float.NaN,
            HumidityPct = float.NaN,
            PendingReason = HeartbeatReasons.New,
            Previous = None,
            Next = None,
        };
        _byKey[key] = index;
        _pending.Add(index);
        _count++;
        return index;
    }

    private void Update(ref TrackedBeacon beacon, int index, in AdvertisingReport report, in Advertisement ad, long ticks)
    {
        if (beacon.Address != report.Address || beacon.Count == 0)
        {
            if (beacon.Count > 0 && _byAddress.TryGetValue(beacon.Address, out var old) && old == index)
            {
                _byAddress.Remove(beacon.Address);
            }

            beacon.Address = report.Address;
            _byAddress[report.Address] = index;
        }

        beacon.AddressType = report.AddressType;
        beacon.LastSeenTicks = ticks;
        beacon.Count++;
        beacon.Frames |= ad.Frames;
        if (report.Rssi != AdvertisingReport.NotAvailable)
        {
            var rssi = report.Rssi;
            if (!beacon.HasRssi)
            {
                beacon.HasRssi = true;
                beacon.RssiMin = beacon.RssiMax = rssi;
                beacon.RssiSmoothed = rssi;
            }
            else
            {
                beacon.RssiMin = Math.Min(beacon.RssiMin, rssi);
                beacon.RssiMax = Math.Max(beacon.RssiMax, rssi);
                beacon.RssiSmoothed += _alpha * (rssi - beacon.RssiSmoothed);
            }

            beacon.RssiLast = rssi;
        }

        if (ad.MeasuredPowerAt1M is { } measured)
        {
            beacon.MeasuredPower = (sbyte)measured;
            beacon.HasMeasuredPower = true;
        }

        ApplyTelemetry(ref beacon, index, ad);
        MoveToHead(index);
    }

    private void ApplyTelemetry(ref TrackedBeacon beacon, int index, in Advertisement ad)
    {
        int? battery = null;
        double? temperature = null;
        if (ad.Has(BeaconFrameKinds.EddystoneTlm))
        {
            battery = ad.EddystoneTlm.BatteryMv;
            temperature = ad.EddystoneTlm.TemperatureC;
        }

        if (ad.Has(BeaconFrameKinds.Ruuvi))
        {
            battery = ad.Ruuvi.BatteryMv;
            temperature = ad.Ruuvi.TemperatureC;
            if (ad.Ruuvi.HumidityPct is { } humidity)
            {
                beacon.HumidityPct = (float)humidity;
            }
        }

        if (ad.Has(BeaconFrameKinds.EddystoneUrl))
        {
            beacon.Url = ad.EddystoneUrl;
        }

        var changed = false;
        if (battery is { } mv)
        {
            beacon.BatteryMv = mv;
            changed |= beacon.ReportedBatteryMv == 0 || Math.Abs(mv - beacon.ReportedBatteryMv) >= _options.BatteryChangeMv;
        }

        if (temperature is { } celsius)
        {
            beacon.TemperatureC = (float)celsius;
            changed |= float.IsNaN(beacon.ReportedTemperatureC) || Math.Abs(celsius - beacon.ReportedTemperatureC) >= _options.TemperatureChangeC;
        }

        if (changed && beacon.PendingReason is null)
        {
            beacon.PendingReason = HeartbeatReasons.Changed;
            _pending.Add(index);
        }
    }

    private void Reported(ref TrackedBeacon beacon, long ticks)
    {
        beacon.PendingReason = null;
        beacon.NextPeriodicTicks = ticks + _interval;
        beacon.ReportedBatteryMv = beacon.BatteryMv;
        beacon.ReportedTemperatureC = beacon.TemperatureC;
    }

    private void MoveToHead(int index)
    {
        if (_head == index)
        {
            return;
        }

        Unlink(index);
        ref var beacon = ref _slots[index];
        beacon.Previous = None;
        beacon.Next = _head;
        if (_head != None)
        {
            _slots[_head].Previous = index;
        }

        _head = index;
        if (_tail == None)
        {
            _tail = index;
        }
    }

    private void Unlink(int index)
    {
        ref var beacon = ref _slots[index];
        if (beacon.Previous != None)
        {
            _slots[beacon.Previous].Next = beacon.Next;
        }
        else if (_head == index)
        {
            _head = beacon.Next;
        }

        if (beacon.Next != None)
        {
            _slots[beacon.Next].Previous = beacon.Previous;
        }
        else if (_tail == index)
        {
            _tail = beacon.Previous;
        }

        beacon.Previous = beacon.Next = None;
    }

    private void Remove(int index)
    {
        ref var beacon = ref _slots[index];
        Unlink(index);
        _byKey.Remove(beacon.Key);
        if (_byAddress.TryGetValue(beacon.Address, out var mapped) && mapped == index)
        {
            _byAddress.Remove(beacon.Address);
        }

        beacon = default;
        beacon.Next = _free;
        beacon.Previous = None;
        _free = index;
        _count--;
    }

    private HeartbeatItem ToHeartbeat(in TrackedBeacon beacon, string reason, DateTimeOffset now)
    {
        var hasTemperature = !float.IsNaN(beacon.TemperatureC);
        return new HeartbeatItem
        {
            BeaconId = beacon.Key.ToString(),
            Reason = reason,
            At = now,
            Address = beacon.Count > 0 ? beacon.Address.ToString() : null,
            Frames = BeaconFrameNames.Of(beacon.Frames),
            FirstSeen = new DateTimeOffset(beacon.FirstSeenTicks, TimeSpan.Zero),
            LastSeen = new DateTimeOffset(beacon.LastSeenTicks, TimeSpan.Zero),
            Count = beacon.Count,
            RssiLast = beacon.RssiLast,
            RssiSmoothed = beacon.HasRssi ? Math.Round(beacon.RssiSmoothed, 1) : null,
            RssiMin = beacon.HasRssi ? beacon.RssiMin : null,
            RssiMax = beacon.HasRssi ? beacon.RssiMax : null,
            MeasuredPower = beacon.HasMeasuredPower ? beacon.MeasuredPower : null,
            DistanceM = beacon.HasMeasuredPower && beacon.HasRssi
                ? DistanceModel.EstimateMetres(beacon.MeasuredPower, beacon.RssiSmoothed, _options.PathLossExponent)
                : null,
            BatteryMv = beacon.BatteryMv > 0 ? beacon.BatteryMv : null,
            TemperatureC = hasTemperature ? Math.Round(beacon.TemperatureC, 2) : null,
            HumidityPct = float.IsNaN(beacon.HumidityPct) ? null : Math.Round(beacon.HumidityPct, 2),
            Url = beacon.Frames.HasFlag(BeaconFrameKinds.EddystoneUrl) ? beacon.Url.ToUrl() : null,
        };
    }
}
