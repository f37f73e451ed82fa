using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Ingest;
using EdgeGateway.CloudBridge.Store.LiteDb;
using EdgeGateway.Protocol.Config;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Common;

/// <summary>What the connectors get from a committed batch, taken from a real LiteDB store's commit results: new items only, never a redelivery.</summary>
public sealed class ConnectorEventSourceTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-events-");
    private LiteDbFleetStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _store = new LiteDbFleetStore(Path.Combine(_directory.FullName, "fleet.db"), TimeProvider.System);
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private async Task<IReadOnlyList<ConnectorEvent>> CommitAsync(params IngestMessage[] batch) =>
        ConnectorEventSource.From(batch, await _store.CommitAsync(batch, TestContext.Current.CancellationToken), T0);

    [Fact]
    public async Task Heartbeats_taps_births_and_reports_become_events_with_stable_keys()
    {
        var events = await CommitAsync(
            Birth("gw-e", 5),
            Heartbeats("gw-e", 1, Heartbeat("b-1"), Heartbeat("b-2")),
            Taps("gw-e", 1, Tap("04a22b1c5d6e80")),
            Reported("gw-e", 3, "b-1", BeaconConfigStates.Applied, tx: -8));

        Assert.Equal([ConnectorEventKind.Status, ConnectorEventKind.Heartbeats, ConnectorEventKind.Taps, ConnectorEventKind.Reported], events.Select(e => e.Kind));
        Assert.Equal("gw-e/status/5", events[0].Key);
        Assert.Equal(("gw-e/heartbeats/1", 2), (events[1].Key, events[1].Heartbeats.Count));
        Assert.Equal("gw-e/heartbeats/2", events[1].ItemKey(1));
        Assert.Equal("gw-e/nfc/1", events[2].ItemKey(0));
        Assert.Equal("gw-e/reported/3", events[3].Key);
    }

    [Fact]
    public async Task A_redelivered_envelope_gives_nothing_and_an_overlapping_resend_only_its_new_items()
    {
        await CommitAsync(Heartbeats("gw-r", 1, Heartbeat("b-1"), Heartbeat("b-2")));
        Assert.Empty(await CommitAsync(Heartbeats("gw-r", 1, Heartbeat("b-1"), Heartbeat("b-2"))));

        var overlap = Assert.Single(await CommitAsync(Heartbeats("gw-r", 2, Heartbeat("b-2"), Heartbeat("b-3"))));
        Assert.Equal(("gw-r/heartbeats/3", "b-3"), (overlap.ItemKey(0), Assert.Single(overlap.Heartbeats).BeaconId));
    }
}
