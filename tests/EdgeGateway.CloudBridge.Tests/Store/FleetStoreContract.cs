using EdgeGateway.CloudBridge.Api;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Store;
using EdgeGateway.CloudBridge.Tests.Support;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Store;

/// <summary>
/// What every fleet store must do, run against each real store (LiteDB file, PostgreSQL cluster):
/// exactly-once effect under redelivery, gap detection and closing, presence by session, "heard best",
/// NFC taps, desired/reported config, and the API's filter/search/order/page semantics.
/// </summary>
public abstract class FleetStoreContract
{
    protected FakeClock Clock { get; } = new(T0.AddMinutes(1));

    protected abstract Task<IFleetStore> OpenAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IFleetStore> OpenReadyAsync()
    {
        var store = await OpenAsync();
        await store.InitializeAsync(Ct);
        return store;
    }

    private static async Task<IReadOnlyDictionary<string, object?>> OneAsync(IFleetStore store, ResourceSchema resource, string field, string value)
    {
        var page = await ListAsync(store, resource, (field, value));
        return Assert.Single(page.Rows);
    }

    private static async Task<FleetPage> ListAsync(IFleetStore store, ResourceSchema resource, params (string Key, string Value)[] parameters)
    {
        var (query, error) = ListQueryParser.Parse(resource, parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)), 100, 1000);
        Assert.Null(error);
        return await store.ListAsync(resource, query!, Ct);
    }

    [Fact]
    public async Task A_redelivered_envelope_changes_nothing_the_second_time()
    {
        await using var store = await OpenReadyAsync();
        var envelope = Heartbeats("gw-1", 1, Heartbeat("b-1"), Heartbeat("b-2"));

        var first = await store.CommitAsync([envelope, envelope], Ct);
        var again = await store.CommitAsync([envelope], Ct);

        Assert.Equal([CommitOutcome.Stored, CommitOutcome.Duplicate], first.Select(r => r.Outcome));
        Assert.Equal([CommitOutcome.Duplicate], again.Select(r => r.Outcome));
        Assert.Equal(1L, (await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-1"))["heartbeats"]);
        var stream = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");
        Assert.Equal(1L, stream["envelopes"]);
        Assert.Equal(4L, stream["duplicates"]);
        Assert.Equal(2L, stream["items"]);
    }

    /// <summary>An envelope as the gateway numbers it: item i is sequence number first + i, heard from beacon "b-{seq}".</summary>
    private static IngestMessage Run(string gateway, long first, int items) =>
        Heartbeats(gateway, first, [.. Enumerable.Range(0, items).Select(i => Heartbeat($"b-{first + i}"))]);

    private static async Task AssertEachItemOnceAsync(IFleetStore store, params long[] seqs)
    {
        var beacons = await ListAsync(store, FleetResources.Beacons, ("limit", "1000"));
        Assert.Equal(
            seqs.Select(n => ($"b-{n}", 1L)).Order(),
            beacons.Rows.Select(b => ((string)b["beacon_id"]!, (long)b["heartbeats"]!)).Order());
    }

    [Fact]
    public async Task A_resend_cut_into_different_batches_stores_only_the_items_never_stored()
    {
        await using var store = await OpenReadyAsync();

        var first = await store.CommitAsync([Run("gw-1", 1, 10)], Ct);
        var resend = await store.CommitAsync([Run("gw-1", 6, 10)], Ct);
        var stream = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");

        Assert.Equal((CommitOutcome.Stored, 10, 0), (first[0].Outcome, first[0].Stored!.ItemCount, first[0].DuplicateItems));
        Assert.Equal((CommitOutcome.Stored, 5, 5), (resend[0].Outcome, resend[0].Stored!.ItemCount, resend[0].DuplicateItems));
        Assert.Equal((15L, 5L, 15L, "", 2L), ((long)stream["items"]!, (long)stream["duplicates"]!, (long)stream["high_water"]!, (string)stream["gaps"]!, (long)stream["envelopes"]!));
        await AssertEachItemOnceAsync(store, [.. Enumerable.Range(1, 15).Select(n => (long)n)]);
    }

    [Fact]
    public async Task Overlapping_resends_in_one_batch_are_deduplicated_against_each_other()
    {
        await using var store = await OpenReadyAsync();

        var results = await store.CommitAsync([Run("gw-1", 1, 4), Run("gw-1", 3, 4), Run("gw-1", 1, 6), Run("gw-1", 2, 2)], Ct);

        Assert.Equal(
            [(CommitOutcome.Stored, 0), (CommitOutcome.Stored, 2), (CommitOutcome.Duplicate, 6), (CommitOutcome.Duplicate, 2)],
            results.Select(r => (r.Outcome, r.DuplicateItems)));
        await AssertEachItemOnceAsync(store, 1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public async Task Out_of_order_envelopes_close_item_gaps_and_a_straddling_resend_fills_only_the_hole()
    {
        await using var store = await OpenReadyAsync();

        await store.CommitAsync([Run("gw-1", 1, 3), Run("gw-1", 10, 2)], Ct);
        var open = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");
        await store.CommitAsync([Run("gw-1", 4, 3)], Ct);
        var narrowed = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");
        var straddling = await store.CommitAsync([Run("gw-1", 6, 5)], Ct);
        var closed = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");

        Assert.Equal(("4-9", 6L, 11L), ((string)open["gaps"]!, (long)open["missing"]!, (long)open["high_water"]!));
        Assert.Equal(("7-9", 3L), ((string)narrowed["gaps"]!, (long)narrowed["missing"]!));
        Assert.Equal((CommitOutcome.Stored, 3, 2), (straddling[0].Outcome, straddling[0].Stored!.ItemCount, straddling[0].DuplicateItems));
        Assert.Equal(("", 0L, 0L, 11L, 11L), ((string)closed["gaps"]!, (long)closed["open_gaps"]!, (long)closed["missing"]!, (long)closed["high_water"]!, (long)closed["items"]!));
        await AssertEachItemOnceAsync(store, [.. Enumerable.Range(1, 11).Select(n => (long)n)]);
    }

    [Fact]
    public async Task An_envelope_entirely_inside_a_gap_splits_it_and_what_is_never_resent_stays_missing()
    {
        await using var store = await OpenReadyAsync();

        await store.CommitAsync([Run("gw-1", 1, 1), Run("gw-1", 20, 1)], Ct);
        var inside = await store.CommitAsync([Run("gw-1", 8, 3)], Ct);
        var stream = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");

        Assert.Equal((CommitOutcome.Stored, 3, 0), (inside[0].Outcome, inside[0].Stored!.ItemCount, inside[0].DuplicateItems));
        Assert.Equal(("2-7,11-19", 2L, 15L, 20L), ((string)stream["gaps"]!, (long)stream["open_gaps"]!, (long)stream["missing"]!, (long)stream["high_water"]!));
        await AssertEachItemOnceAsync(store, 1, 8, 9, 10, 20);
    }

    [Fact]
    public async Task Invalid_items_consume_their_numbers_and_a_resend_past_them_stores_only_new_valid_items()
    {
        await using var store = await OpenReadyAsync();
        // Items 1-3 where item 2 failed validation (the parser keeps the valid items' positions).
        var withBad = IngestMessage.Envelope("gw-1", "heartbeats", 1, T0, 2, 1, [Heartbeat("b-1"), Heartbeat("b-3")], [], [0, 2]);

        await store.CommitAsync([withBad], Ct);
        var resend = await store.CommitAsync([Run("gw-1", 2, 3)], Ct);
        var stream = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");

        Assert.Equal((CommitOutcome.Stored, 1, 2), (resend[0].Outcome, resend[0].Stored!.ItemCount, resend[0].DuplicateItems));
        Assert.Equal((4L, "", 3L), ((long)stream["high_water"]!, (string)stream["gaps"]!, (long)stream["items"]!));
        await AssertEachItemOnceAsync(store, 1, 3, 4);
    }

    [Fact]
    public async Task A_re_cut_nfc_resend_records_each_tap_once()
    {
        await using var store = await OpenReadyAsync();

        await store.CommitAsync([Taps("gw-1", 1, Tap("04a1b2c3d4e5f6", counter: 1), Tap("04a1b2c3d4e5f6", counter: 2))], Ct);
        var resend = await store.CommitAsync([Taps("gw-1", 2, Tap("04a1b2c3d4e5f6", counter: 2), Tap("04a1b2c3d4e5f6", at: T0.AddSeconds(1), counter: 3))], Ct);
        var tag = await OneAsync(store, FleetResources.NfcTags, "uid", "04a1b2c3d4e5f6");

        Assert.Equal((1, 1), (resend[0].Stored!.ItemCount, resend[0].DuplicateItems));
        Assert.Equal((3L, 3L), ((long)tag["taps"]!, (long)tag["counter"]!));
    }

    [Fact]
    public async Task A_gap_is_reported_and_closed_when_the_late_envelopes_arrive()
    {
        await using var store = await OpenReadyAsync();

        await store.CommitAsync([Heartbeats("gw-1", 1, Heartbeat("b-1")), Heartbeats("gw-1", 5, Heartbeat("b-1"))], Ct);
        var open = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");
        await store.CommitAsync([Heartbeats("gw-1", 3, Heartbeat("b-1"))], Ct);
        var split = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");
        var late = await store.CommitAsync([Heartbeats("gw-1", 2, Heartbeat("b-1")), Heartbeats("gw-1", 4, Heartbeat("b-1")), Heartbeats("gw-1", 4, Heartbeat("b-1"))], Ct);
        var closed = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-1");

        Assert.Equal(("2-4", 1L, 3L, 5L), ((string)open["gaps"]!, open["open_gaps"], open["missing"], open["high_water"]));
        Assert.Equal(("2-2,4-4", 2L, 2L), ((string)split["gaps"]!, split["open_gaps"], split["missing"]));
        Assert.Equal([CommitOutcome.Stored, CommitOutcome.Stored, CommitOutcome.Duplicate], late.Select(r => r.Outcome));
        Assert.Equal(("", 0L, 0L, 5L), ((string)closed["gaps"]!, closed["open_gaps"], closed["missing"], closed["high_water"]));
        Assert.Equal(5L, (await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-1"))["heartbeats"]);
    }

    [Fact]
    public async Task Streams_of_different_gateways_and_names_are_independent()
    {
        await using var store = await OpenReadyAsync();

        var outcomes = await store.CommitAsync(
            [Heartbeats("gw-1", 1, Heartbeat("b-1")), Heartbeats("gw-2", 1, Heartbeat("b-1")), Taps("gw-1", 1, Tap("04a1b2c3d4e5f6"))], Ct);

        Assert.All(outcomes, o => Assert.Equal(CommitOutcome.Stored, o.Outcome));
        Assert.Equal(3L, (await ListAsync(store, FleetResources.Streams)).Count);
    }

    [Fact]
    public async Task A_stale_last_will_never_marks_a_live_gateway_offline()
    {
        await using var store = await OpenReadyAsync();

        var birth = await store.CommitAsync([Birth("gw-1", session: 2)], Ct);
        var staleWill = await store.CommitAsync([Will("gw-1", session: 1)], Ct);
        var afterStale = await OneAsync(store, FleetResources.Gateways, "gateway_id", "gw-1");
        var currentWill = await store.CommitAsync([Will("gw-1", session: 2)], Ct);
        var afterWill = await OneAsync(store, FleetResources.Gateways, "gateway_id", "gw-1");
        var staleBirth = await store.CommitAsync([Birth("gw-1", session: 1)], Ct);
        await store.CommitAsync([Birth("gw-1", session: 3)], Ct);
        var reborn = await OneAsync(store, FleetResources.Gateways, "gateway_id", "gw-1");

        Assert.Equal([CommitOutcome.Stored], birth.Select(r => r.Outcome));
        Assert.Equal([CommitOutcome.Stale], staleWill.Select(r => r.Outcome));
        Assert.Equal(true, afterStale["online"]);
        Assert.Equal([CommitOutcome.Stored], currentWill.Select(r => r.Outcome));
        Assert.Equal(false, afterWill["online"]);
        Assert.Equal("shop-1", afterWill["site"]);
        Assert.Equal([CommitOutcome.Stale], staleBirth.Select(r => r.Outcome));
        Assert.Equal((true, 3L, "0.1.0+abc", 3L), (reborn["online"], reborn["session"], reborn["version"], reborn["backlog"]));
    }

    [Fact]
    public async Task A_beacon_belongs_to_the_gateway_that_hears_it_best_and_to_that_gateways_site()
    {
        await using var store = await OpenReadyAsync();
        await store.CommitAsync([Birth("gw-1", 1, "shop-1"), Birth("gw-2", 1, "shop-1")], Ct);

        await store.CommitAsync([Heartbeats("gw-1", 1, Heartbeat("b-1", rssi: -70)), Heartbeats("gw-2", 1, Heartbeat("b-1", rssi: -50))], Ct);
        var strongest = await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-1");
        await store.CommitAsync([Heartbeats("gw-1", 2, Heartbeat("b-1", rssi: -80, at: T0.AddSeconds(10)))], Ct);
        var weakerNewer = await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-1");
        await store.CommitAsync([Heartbeats("gw-1", 3, Heartbeat("b-1", rssi: -85, at: T0.AddSeconds(120), batteryMv: 2900))], Ct);
        var bestWentSilent = await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-1");

        Assert.Equal(("gw-2", -50L, "shop-1"), (strongest["gateway"], strongest["rssi"], strongest["site"]));
        Assert.Equal(("gw-2", -50L), (weakerNewer["gateway"], weakerNewer["rssi"]));
        Assert.Equal(("gw-1", -85L, 2900L), (bestWentSilent["gateway"], bestWentSilent["rssi"], bestWentSilent["battery"]));
        Assert.Equal(4L, bestWentSilent["heartbeats"]);
        Assert.Equal(21.5, bestWentSilent["temperature"]);
        Assert.Equal(T0.AddSeconds(120), bestWentSilent["heartbeat"]);
    }

    [Fact]
    public async Task Nfc_taps_are_counted_once_and_the_tag_keeps_its_latest_read()
    {
        await using var store = await OpenReadyAsync();
        await store.CommitAsync([Birth("gw-1", 1, "shop-9")], Ct);
        var taps = Taps("gw-1", 1, Tap("04a1b2c3d4e5f6", counter: 7), Tap("04a1b2c3d4e5f6", at: T0.AddSeconds(5), counter: 8, url: "https://example.com/new"));

        await store.CommitAsync([taps], Ct);
        await store.CommitAsync([taps], Ct);
        var tag = await OneAsync(store, FleetResources.NfcTags, "uid", "04a1b2c3d4e5f6");

        Assert.Equal((2L, 8L, "https://example.com/new", "shop-9", "gw-1", "ntag213"), (tag["taps"], tag["counter"], tag["url"], tag["site"], tag["gateway"], tag["tag_type"]));
    }

    [Fact]
    public async Task Desired_config_goes_to_every_gateway_of_the_site_and_the_report_closes_it()
    {
        await using var store = await OpenReadyAsync();
        await store.CommitAsync([Birth("gw-1", 1, "shop-1"), Birth("gw-2", 1, "shop-1"), Birth("gw-3", 1, "shop-2")], Ct);
        await store.CommitAsync([Heartbeats("gw-1", 1, Heartbeat("b-1"), Heartbeat("b-2"))], Ct);
        var b1 = (long)(await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-1"))["id"]!;
        var b2 = (long)(await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-2"))["id"]!;

        var first = await store.SetDesiredAsync(b1, -8, 500, Ct);
        var second = await store.SetDesiredAsync(b2, null, 1000, Ct);
        var pending = await store.GetAsync(FleetResources.Beacons, b2, Ct);
        await store.CommitAsync([Reported("gw-1", 1, "b-2", "applied", tx: 0, interval: 1000)], Ct);
        var stillPending = await store.GetAsync(FleetResources.Beacons, b2, Ct);
        await store.CommitAsync([Reported("gw-1", 2, "b-2", "rounded", tx: 0, interval: 1000)], Ct);
        var applied = await store.GetAsync(FleetResources.Beacons, b2, Ct);
        await store.CommitAsync([Reported("gw-1", 1, "b-2", "failed")], Ct);
        var afterOldReport = await store.GetAsync(FleetResources.Beacons, b2, Ct);

        Assert.NotNull(first);
        Assert.Equal(("shop-1", 1L), (first.Site, first.Version));
        Assert.Equal(["gw-1", "gw-2"], first.Gateways);
        Assert.Equal(("b-1", -8, 500), (first.Beacons.Single().BeaconId, first.Beacons[0].TxPowerDbm, first.Beacons[0].IntervalMs));
        Assert.Equal(2L, second!.Version);
        Assert.Equal(["b-1", "b-2"], second.Beacons.Select(b => b.BeaconId));
        Assert.Equal(("pending", 1000L, 2L), (pending!["config_state"], pending["desired_advertising_interval"], pending["desired_version"]));
        Assert.Equal("pending", stillPending!["config_state"]);
        Assert.Equal(("rounded", 1000L, 0L, 2L), (applied!["config_state"], applied["advertising_interval"], applied["tx_power"], applied["reported_version"]));
        Assert.Equal("rounded", afterOldReport!["config_state"]);
        Assert.Equal(2L, (await OneAsync(store, FleetResources.Sites, "name", "shop-1"))["desired_version"]);
    }

    [Fact]
    public async Task Desired_config_for_an_unknown_or_siteless_beacon_is_refused()
    {
        await using var store = await OpenReadyAsync();
        await store.CommitAsync([Heartbeats("gw-nobirth", 1, Heartbeat("b-1"))], Ct);
        var id = (long)(await OneAsync(store, FleetResources.Beacons, "beacon_id", "b-1"))["id"]!;

        Assert.Null(await store.SetDesiredAsync(id + 1000, -8, null, Ct));
        Assert.Equal(string.Empty, (await store.SetDesiredAsync(id, -8, null, Ct))!.Site);
    }

    [Fact]
    public async Task Lists_filter_search_order_and_page_like_the_seed_api()
    {
        await using var store = await OpenReadyAsync();
        await store.CommitAsync([Birth("gw-a", 1, "Corner Shop"), Birth("gw-b", 1, "Mall Store")], Ct);
        await store.CommitAsync(
        [
            Heartbeats("gw-a", 1, Heartbeat("ibeacon:aa:1:1", batteryMv: 2500, at: T0.AddSeconds(1)), Heartbeat("ibeacon:aa:1:2", batteryMv: 2700, at: T0.AddSeconds(2))),
            Heartbeats("gw-b", 1, Heartbeat("eddystone:ns:01", batteryMv: 2900, at: T0.AddSeconds(3)), Heartbeat("eddystone:ns:02", batteryMv: null, at: T0.AddSeconds(4))),
        ], Ct);

        var lowBattery = await ListAsync(store, FleetResources.Beacons, ("battery__lt", "2800"), ("ordering", "-battery"));
        var page = await ListAsync(store, FleetResources.Beacons, ("ordering", "battery"), ("limit", "2"), ("offset", "1"));
        var defaultOrder = await ListAsync(store, FleetResources.Beacons);
        var searched = await ListAsync(store, FleetResources.Beacons, ("search", "MALL"));
        var icontains = await ListAsync(store, FleetResources.Beacons, ("beacon_id__icontains", "IBEACON"), ("site", "'Corner Shop'"));
        var recent = await ListAsync(store, FleetResources.Beacons, ("heartbeat__gte", T0.AddSeconds(3).ToString("O")));
        var online = await ListAsync(store, FleetResources.Gateways, ("online", "true"), ("site__icontains", "mall"));
        var sites = await ListAsync(store, FleetResources.Sites, ("ordering", "name"));

        Assert.Equal(["ibeacon:aa:1:2", "ibeacon:aa:1:1"], lowBattery.Rows.Select(r => r["beacon_id"]));
        Assert.Equal(4L, page.Count);
        Assert.Equal(["ibeacon:aa:1:2", "eddystone:ns:01"], page.Rows.Select(r => r["beacon_id"]));
        Assert.Equal(["eddystone:ns:02", "eddystone:ns:01", "ibeacon:aa:1:2", "ibeacon:aa:1:1"], defaultOrder.Rows.Select(r => r["beacon_id"]));
        Assert.Equal(["eddystone:ns:02", "eddystone:ns:01"], searched.Rows.Select(r => r["beacon_id"]));
        Assert.Equal(2L, icontains.Count);
        Assert.Equal(2L, recent.Count);
        Assert.Equal("gw-b", Assert.Single(online.Rows)["gateway_id"]);
        Assert.Equal(["Corner Shop", "Mall Store"], sites.Rows.Select(r => r["name"]));
        Assert.Equal((1L, 1L, 2L), (sites.Rows[0]["gateways"], sites.Rows[0]["gateways_online"], sites.Rows[0]["beacons"]));
    }

    [Fact]
    public async Task Rejected_messages_leave_the_store_untouched()
    {
        await using var store = await OpenReadyAsync();

        var outcomes = await store.CommitAsync([IngestMessage.Rejected("gw-1", "bad-json", "test")], Ct);

        Assert.Equal([CommitOutcome.Rejected], outcomes.Select(r => r.Outcome));
        Assert.Equal(0L, (await ListAsync(store, FleetResources.Gateways)).Count);
    }

    [Fact]
    public async Task Open_gaps_and_a_missing_tail_are_repair_candidates_and_recording_lost_items_closes_them_once()
    {
        await using var store = await OpenReadyAsync();
        await store.CommitAsync([Heartbeats("gw-r", 1, Heartbeat("b-1")), Heartbeats("gw-r", 5, Heartbeat("b-5"))], Ct);
        await store.CommitAsync([IngestMessage.ForStatus("gw-r", new EdgeGateway.Protocol.Status.GatewayStatus
        {
            Online = true, Session = 2, GatewayId = "gw-r", LastSeq = new Dictionary<string, long> { ["heartbeats"] = 8, ["a/b"] = 3 },
        })], Ct);

        var candidate = Assert.Single(await store.ListRepairCandidatesAsync(Ct));
        Assert.Equal(("gw-r", "heartbeats", 5L, 8L), (candidate.GatewayId, candidate.Stream, candidate.HighWater, candidate.LastSeq));
        Assert.Equal([(2L, 4L)], candidate.Gaps);
        Assert.Equal((2L, 8L), candidate.Span);
        Assert.Equal(6, candidate.Missing);

        Assert.Equal(4, await store.RecordLostAsync("gw-r", "heartbeats", [(2, 3), (7, 8)], Ct));
        Assert.Equal(0, await store.RecordLostAsync("gw-r", "heartbeats", [(2, 3), (5, 5)], Ct));
        var stream = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-r");
        Assert.Equal("4-4,6-6", stream["gaps"]); // 6 was neither received nor named gone
        Assert.Equal("2-3,7-8", stream["lost"]);
        Assert.Equal(4L, stream["lost_items"]);
        Assert.Equal(8L, stream["high_water"]);
        Assert.Equal(8L, stream["last_seq"]);

        await store.CommitAsync([Heartbeats("gw-r", 4, Heartbeat("b-4")), Heartbeats("gw-r", 6, Heartbeat("b-6"))], Ct);
        Assert.Empty(await store.ListRepairCandidatesAsync(Ct));
    }

    [Fact]
    public async Task Only_one_repair_request_per_stream_and_interval_is_claimed()
    {
        await using var store = await OpenReadyAsync();
        await store.CommitAsync([Heartbeats("gw-c", 3, Heartbeat("b-3"))], Ct);

        Assert.True(await store.TryClaimRepairAsync("gw-c", "heartbeats", TimeSpan.FromSeconds(60), Ct));
        Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await store.TryClaimRepairAsync("gw-c", "heartbeats", TimeSpan.FromSeconds(60), Ct));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await store.TryClaimRepairAsync("gw-c", "heartbeats", TimeSpan.FromSeconds(60), Ct));

        var stream = await OneAsync(store, FleetResources.Streams, "gateway_id", "gw-c");
        Assert.Equal(2L, stream["repair_requests"]);
    }
}
