using EdgeGateway.Edge.Tracking;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.Edge.Tests.Tracking;

public class BeaconTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_beacon_is_reported_at_once_then_once_per_interval()
    {
        var tracker = new BeaconTracker(new TrackingOptions { HeartbeatInterval = TimeSpan.FromSeconds(60), LostAfter = TimeSpan.FromSeconds(300) });
        Air.IBeacon(tracker, 0xC00000000001, 7, -61, T0);
        Air.IBeacon(tracker, 0xC00000000001, 7, -65, T0.AddSeconds(1));

        var first = Collect(tracker, T0.AddSeconds(1));
        var heartbeat = Assert.Single(first);
        Assert.Equal(HeartbeatReasons.New, heartbeat.Reason);
        Assert.Equal("ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:7", heartbeat.BeaconId);
        Assert.Equal("c0:00:00:00:00:01", heartbeat.Address);
        Assert.Equal(["ibeacon"], heartbeat.Frames);
        Assert.Equal(2, heartbeat.Count);
        Assert.Equal(-65, heartbeat.RssiLast);
        Assert.Equal(-65, heartbeat.RssiMin);
        Assert.Equal(-61, heartbeat.RssiMax);
        Assert.Equal(-61.8, heartbeat.RssiSmoothed);
        Assert.Equal(-59, heartbeat.MeasuredPower);
        Assert.Equal(T0, heartbeat.FirstSeen);
        Assert.Equal(T0.AddSeconds(1), heartbeat.LastSeen);

        Assert.Empty(Collect(tracker, T0.AddSeconds(30)));
        Air.IBeacon(tracker, 0xC00000000001, 7, -65, T0.AddSeconds(50));
        Assert.Equal(HeartbeatReasons.Periodic, Assert.Single(Collect(tracker, T0.AddSeconds(61))).Reason);
        Assert.Empty(Collect(tracker, T0.AddSeconds(62)));
    }

    [Fact]
    public void Eddystone_tlm_url_and_uid_from_one_address_are_one_beacon()
    {
        var tracker = new BeaconTracker(new TrackingOptions());
        Air.EddystoneTlm(tracker, 0xC00000000002, 2950, 21.5, T0);
        Air.EddystoneUid(tracker, 0xC00000000002, -60, T0.AddMilliseconds(100));
        Air.EddystoneUrl(tracker, 0xC00000000002, "https://example.com/", T0.AddMilliseconds(200));

        var heartbeat = Assert.Single(Collect(tracker, T0.AddSeconds(1)));
        Assert.Equal("eddystone:0000000000000000edd1:000000000007", heartbeat.BeaconId);
        Assert.Equal(2950, heartbeat.BatteryMv);
        Assert.Equal(21.5, heartbeat.TemperatureC);
        Assert.Equal("https://example.com/", heartbeat.Url);
        Assert.Equal(["eddystone-uid", "eddystone-url", "eddystone-tlm"], heartbeat.Frames);
        Assert.Equal(3, heartbeat.Count);
        Assert.Equal(1, tracker.Counters.Tracked);
    }

    [Fact]
    public void Battery_and_temperature_changes_beyond_thresholds_are_reported_at_once()
    {
        var tracker = new BeaconTracker(new TrackingOptions { BatteryChangeMv = 50, TemperatureChangeC = 1.0 });
        Air.EddystoneUid(tracker, 0xC00000000003, -60, T0);
        Air.EddystoneTlm(tracker, 0xC00000000003, 3000, 20.0, T0);
        Assert.Equal(HeartbeatReasons.New, Assert.Single(Collect(tracker, T0.AddSeconds(1))).Reason);

        Air.EddystoneTlm(tracker, 0xC00000000003, 2970, 20.5, T0.AddSeconds(2));
        Assert.Empty(Collect(tracker, T0.AddSeconds(3)));

        Air.EddystoneTlm(tracker, 0xC00000000003, 2940, 20.5, T0.AddSeconds(4));
        var changed = Assert.Single(Collect(tracker, T0.AddSeconds(5)));
        Assert.Equal(HeartbeatReasons.Changed, changed.Reason);
        Assert.Equal(2940, changed.BatteryMv);

        Air.EddystoneTlm(tracker, 0xC00000000003, 2940, 18.0, T0.AddSeconds(6));
        Assert.Equal(HeartbeatReasons.Changed, Assert.Single(Collect(tracker, T0.AddSeconds(7))).Reason);
    }

    [Fact]
    public void A_beacon_not_heard_for_the_absence_limit_is_reported_lost_and_forgotten()
    {
        var tracker = new BeaconTracker(new TrackingOptions { LostAfter = TimeSpan.FromSeconds(30) });
        Air.IBeacon(tracker, 0xC00000000004, 1, -70, T0);
        Air.IBeacon(tracker, 0xC00000000005, 2, -70, T0.AddSeconds(20));
        Collect(tracker, T0.AddSeconds(21));

        var lost = Assert.Single(Collect(tracker, T0.AddSeconds(31)));
        Assert.Equal(HeartbeatReasons.Lost, lost.Reason);
        Assert.EndsWith(":1:1", lost.BeaconId, StringComparison.Ordinal);
        Assert.Equal(1, tracker.Counters.Tracked);
        Assert.Equal(1, tracker.Counters.Lost);
    }

    [Fact]
    public void A_full_table_evicts_the_least_recently_seen_beacon_and_counts_it()
    {
        var tracker = new BeaconTracker(new TrackingOptions { MaxBeacons = 3 });
        Air.IBeacon(tracker, 0xC00000000001, 1, -70, T0);
        Air.IBeacon(tracker, 0xC00000000002, 2, -70, T0.AddSeconds(1));
        Air.IBeacon(tracker, 0xC00000000003, 3, -70, T0.AddSeconds(2));
        Air.IBeacon(tracker, 0xC00000000001, 1, -70, T0.AddSeconds(3));
        Air.IBeacon(tracker, 0xC00000000004, 4, -70, T0.AddSeconds(4));

        var ids = tracker.Snapshot(T0.AddSeconds(4)).Select(h => h.BeaconId[^4..]).ToList();
        Assert.Equal([":1:4", ":1:1", ":1:3"], ids);
        Assert.Equal(1, tracker.Counters.Evicted);
    }

    [Fact]
    public void A_limited_snapshot_returns_the_most_recently_seen_beacons_first()
    {
        var tracker = new BeaconTracker(new TrackingOptions());
        Air.IBeacon(tracker, 0xC00000000001, 1, -70, T0);
        Air.IBeacon(tracker, 0xC00000000002, 2, -70, T0.AddSeconds(1));
        Air.IBeacon(tracker, 0xC00000000003, 3, -70, T0.AddSeconds(2));

        var ids = tracker.Snapshot(T0.AddSeconds(2), max: 2).Select(h => h.BeaconId[^4..]).ToList();

        Assert.Equal([":1:3", ":1:2"], ids);
        Assert.Equal(3, tracker.Snapshot(T0.AddSeconds(2)).Count);
    }

    [Fact]
    public void Deny_wins_allow_restricts_and_weak_reports_are_ignored()
    {
        var options = new TrackingOptions { MinRssi = -80 };
        options.Allow.Add($"ibeacon:{Air.Uuid}");
        options.Deny.Add($"ibeacon:{Air.Uuid}:1:2");
        var tracker = new BeaconTracker(options);
        Air.IBeacon(tracker, 0xC00000000001, 1, -70, T0);
        Air.IBeacon(tracker, 0xC00000000002, 2, -70, T0);
        Air.IBeacon(tracker, 0xC00000000003, 3, -90, T0);
        Air.EddystoneUid(tracker, 0xC00000000004, -60, T0);

        Assert.Single(tracker.Snapshot(T0));
        Assert.Equal(2, tracker.Counters.IgnoredByList);
        Assert.Equal(1, tracker.Counters.IgnoredWeak);
    }

    [Fact]
    public void A_denied_eddystone_beacon_heard_first_by_its_tlm_stays_silent()
    {
        var options = new TrackingOptions();
        options.Deny.Add("eddystone:0000000000000000edd1");
        var tracker = new BeaconTracker(options);
        Air.EddystoneTlm(tracker, 0xC00000000009, 3000, 20, T0);
        Air.EddystoneUid(tracker, 0xC00000000009, -60, T0.AddMilliseconds(100));
        Air.EddystoneTlm(tracker, 0xC00000000009, 3000, 20, T0.AddMilliseconds(200));

        Assert.Empty(Collect(tracker, T0.AddSeconds(1)));
        Assert.Equal(2, tracker.Counters.IgnoredByList);
        Assert.Empty(tracker.Snapshot(T0.AddSeconds(1)));
        Assert.Empty(Collect(tracker, T0.AddMinutes(5)));
        Assert.Equal(0, tracker.Counters.Lost);
    }

    [Fact]
    public void Devices_without_beacon_frames_are_ignored_unless_asked_for()
    {
        var quiet = new BeaconTracker(new TrackingOptions());
        Air.Phone(quiet, 0x4A0000000001, T0);
        Assert.Empty(quiet.Snapshot(T0));
        Assert.Equal(1, quiet.Counters.IgnoredUnknownDevice);

        var all = new BeaconTracker(new TrackingOptions { TrackUnknownDevices = true });
        Air.Phone(all, 0x4A0000000001, T0);
        Assert.Equal("4a:00:00:00:00:01", Assert.Single(all.Snapshot(T0)).BeaconId);
    }

    [Theory]
    [InlineData(-59, 1.0)]
    [InlineData(-79, 10.0)]
    [InlineData(-39, 0.1)]
    public void Distance_follows_the_log_distance_model(double rssi, double metres) =>
        Assert.Equal(metres, DistanceModel.EstimateMetres(-59, rssi, 2.0));

    [Fact]
    public void Bad_options_name_their_keys()
    {
        var options = new TrackingOptions { MaxBeacons = 0, RssiSmoothing = 2 };
        options.Allow.Add("not-a-beacon");
        var problems = string.Join("\n", options.Problems());
        Assert.Contains("Tracking:MaxBeacons", problems, StringComparison.Ordinal);
        Assert.Contains("Tracking:RssiSmoothing", problems, StringComparison.Ordinal);
        Assert.Contains("Tracking:Allow:0 'not-a-beacon'", problems, StringComparison.Ordinal);
    }

    private static List<HeartbeatItem> Collect(BeaconTracker tracker, DateTimeOffset now)
    {
        var list = new List<HeartbeatItem>();
        tracker.Collect(now, list);
        return list;
    }
}
