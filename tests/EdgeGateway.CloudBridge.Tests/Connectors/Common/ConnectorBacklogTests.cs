using EdgeGateway.CloudBridge.Connectors.Common;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.CloudBridge.Tests.Connectors.Common;

/// <summary>The connectors' durable queue on a real LiteDB file: survives reopening, filters per connector, sheds the oldest beyond its depth.</summary>
public sealed class ConnectorBacklogTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-backlog-");

    private string Path => System.IO.Path.Combine(_directory.FullName, "connectors.db");

    private sealed class Wanting(string name, ConnectorEventKind kind) : IConnector
    {
        public string Name => name;

        public bool Wants(ConnectorEvent connectorEvent) => connectorEvent.Kind == kind;

        public Task HandleAsync(IReadOnlyList<ConnectorEvent> batch, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private ConnectorBacklog Open(BridgeMetrics metrics, int maxDepth = 1000) => new(
        Path, [new Wanting("beats", ConnectorEventKind.Heartbeats), new Wanting("taps", ConnectorEventKind.Taps)],
        new Dictionary<string, int> { ["beats"] = maxDepth, ["taps"] = maxDepth },
        new ConnectorStatusBoard(metrics, TimeProvider.System), metrics, NullLogger<ConnectorBacklog>.Instance);

    private static ConnectorEvent Beats(long seq) => new()
    {
        Kind = ConnectorEventKind.Heartbeats, GatewayId = "gw-1", Stream = StreamNames.Heartbeats, Seq = seq, ItemSeqs = [seq],
        At = DateTimeOffset.UnixEpoch,
        Heartbeats = [new HeartbeatItem { BeaconId = "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:2", Reason = "periodic", At = DateTimeOffset.UnixEpoch, FirstSeen = DateTimeOffset.UnixEpoch, LastSeen = DateTimeOffset.UnixEpoch, Count = 3, RssiLast = -60, BatteryMv = 2900 }],
    };

    [Fact]
    public void Queued_events_survive_a_reopen_and_go_only_to_connectors_that_want_them()
    {
        var metrics = new BridgeMetrics();
        using (var backlog = Open(metrics))
        {
            backlog.Enqueue([Beats(1), Beats(2)]);
            Assert.Equal(2, backlog.Depth("beats"));
            Assert.Equal(0, backlog.Depth("taps"));
        }

        using var reopened = Open(metrics);
        var peeked = reopened.Peek("beats", 10);
        Assert.Equal([1L, 2L], peeked.Select(p => p.Event.Seq));
        Assert.Equal(2900, peeked[0].Event.Heartbeats[0].BatteryMv);
        Assert.Equal("gw-1/heartbeats/1", peeked[0].Event.Key);
        reopened.Complete("beats", peeked[0].Id);
        Assert.Equal([2L], reopened.Peek("beats", 10).Select(p => p.Event.Seq));
    }

    [Fact]
    public void A_connector_name_with_a_hyphen_still_gets_its_events()
    {
        var metrics = new BridgeMetrics();
        using var backlog = new ConnectorBacklog(
            Path, [new Wanting("wifi-vouchers", ConnectorEventKind.Heartbeats)], new Dictionary<string, int> { ["wifi-vouchers"] = 10 },
            new ConnectorStatusBoard(metrics, TimeProvider.System), metrics, NullLogger<ConnectorBacklog>.Instance);

        backlog.Enqueue([Beats(1)]);

        Assert.Equal(1, backlog.Depth("wifi-vouchers"));
        Assert.Equal([1L], backlog.Peek("wifi-vouchers", 10).Select(p => p.Event.Seq));
    }

    [Fact]
    public void Beyond_the_maximum_depth_the_oldest_are_shed_and_counted()
    {
        var metrics = new BridgeMetrics();
        using var backlog = Open(metrics, maxDepth: 3);
        backlog.Enqueue([.. Enumerable.Range(1, 5).Select(i => Beats(i))]);
        Assert.Equal([3L, 4L, 5L], backlog.Peek("beats", 10).Select(p => p.Event.Seq));
        Assert.Equal(2, metrics.Get("edgegw_bridge_connector_shed_total", BridgeMetrics.Labels(("connector", "beats"))));
        Assert.Equal(3, metrics.Get("edgegw_bridge_connector_queue_depth", BridgeMetrics.Labels(("connector", "beats"))));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
