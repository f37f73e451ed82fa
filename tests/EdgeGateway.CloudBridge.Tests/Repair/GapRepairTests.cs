using System.Text.Json;
using EdgeGateway.CloudBridge.Observability;
using EdgeGateway.CloudBridge.Tests.Support;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Serialization;
using EdgeGateway.Protocol.Status;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Protocol.Topics;
using EdgeGateway.Testing.Mqtt;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Repair;

/// <summary>
/// Gap repair on a real mosquitto with the real bridge: a stream missing items past the grace period makes the bridge
/// send `outbox.resend` to the gateway; what comes again is stored, what the gateway says is gone is recorded as lost.
/// The clock deciding grace and retry is fake; the broker and the store are real.
/// </summary>
public sealed class GapRepairTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gap_open_past_the_grace_period_is_requested_refilled_and_the_gone_part_recorded_as_lost()
    {
        var clock = new FakeClock(T0);
        await using var bridge = await StartAsync(clock, maxAttempts: 5);
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-gap");
        var commands = await gateway.WatchCommandsAsync();

        await gateway.PublishHeartbeatsAsync(1, Heartbeat("b-1"));
        await gateway.PublishHeartbeatsAsync(5, Heartbeat("b-5"));
        await Eventually.TrueAsync(async () => (await StreamAsync(bridge, "gw-gap")).GetProperty("open_gaps").GetInt32() == 1, "the gap 2-4 is seen");
        await Eventually.TrueAsync(() => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_repair_open_streams") >= 1), "the repair scan sees it");
        await Task.Delay(500, Ct);
        Assert.False(commands.TryRead(out _), "nothing is asked within the grace period");

        clock.Advance(TimeSpan.FromSeconds(21));
        var request = await ReadAsync(commands);

        Assert.Equal(OutboxResendArgs.CommandName, request.Name);
        var args = request.Args!.Value.Deserialize(ProtocolJsonContext.Default.OutboxResendArgs)!;
        Assert.Equal(("heartbeats", 2L, 4L), (args.Stream, args.FromSeq, args.ToSeq));
        Assert.Equal(T0.AddSeconds(21 + 60), request.ExpiresAt);

        await gateway.PublishHeartbeatsAsync(3, Heartbeat("b-3"), Heartbeat("b-4"));
        await gateway.AnswerAsync(Result(request.RequestId, resent: [new SeqRange(3, 4)], gone: [new SeqRange(2, 2)]));
        await Eventually.TrueAsync(async () => (await StreamAsync(bridge, "gw-gap")).GetProperty("lost_items").GetInt64() == 1, "the gone item is recorded");

        var stream = await StreamAsync(bridge, "gw-gap");
        Assert.Equal("", stream.GetProperty("gaps").GetString());
        Assert.Equal("2-2", stream.GetProperty("lost").GetString());
        Assert.Equal(4, stream.GetProperty("items").GetInt32());
        Assert.Equal(1, stream.GetProperty("repair_requests").GetInt32());
        Assert.Equal(1, bridge.Metrics.Get("edgegw_bridge_lost_items_total"));
        Assert.Equal(2, bridge.Metrics.Get("edgegw_bridge_repair_resent_items_total"));
        Assert.Equal(1, bridge.Metrics.Get("edgegw_bridge_repair_results_total", BridgeMetrics.Labels(("outcome", "ok"))));
    }

    [Fact]
    public async Task A_missing_tail_is_asked_for_every_retry_interval_until_the_attempts_run_out()
    {
        var clock = new FakeClock(T0);
        await using var bridge = await StartAsync(clock, maxAttempts: 2);
        await using var gateway = await SimulatedGateway.ConnectAsync(mosquitto.Broker.Port, "gw-tail");
        var commands = await gateway.WatchCommandsAsync();

        await gateway.PublishHeartbeatsAsync(1, Heartbeat("b-1"), Heartbeat("b-2"), Heartbeat("b-3"), Heartbeat("b-4"));
        await gateway.PublishAsync(GatewayTopics.Status("gw-tail"), JsonSerializer.SerializeToUtf8Bytes(
            new GatewayStatus { Online = true, Session = 7, GatewayId = "gw-tail", LastSeq = new Dictionary<string, long> { ["heartbeats"] = 6 } },
            ProtocolJsonContext.Default.GatewayStatus), retain: true);
        await gateway.PublishAsync(GatewayTopics.Status("gw-tail"), [], retain: true); // the broker forgets it: other tests' bridges never see it
        await Eventually.TrueAsync(async () => (await StreamAsync(bridge, "gw-tail")).GetProperty("last_seq").ValueKind == JsonValueKind.Number, "the birth is stored");
        await Eventually.TrueAsync(() => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_repair_missing_items") == 2), "the tail 5-6 is seen");

        clock.Advance(TimeSpan.FromSeconds(21));
        var first = await ReadAsync(commands);
        var args = first.Args!.Value.Deserialize(ProtocolJsonContext.Default.OutboxResendArgs)!;
        Assert.Equal((5L, 6L), (args.FromSeq, args.ToSeq));
        await gateway.AnswerAsync(new CommandResult { RequestId = first.RequestId, Ok = false, Error = "unknown command 'outbox.resend'", At = T0 });
        await Eventually.TrueAsync(
            () => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_repair_results_total", BridgeMetrics.Labels(("outcome", "failed"))) == 1), "the refusal is counted");

        clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(500, Ct);
        Assert.False(commands.TryRead(out _), "not again before the retry interval");
        clock.Advance(TimeSpan.FromSeconds(31));
        await ReadAsync(commands);
        clock.Advance(TimeSpan.FromSeconds(61));
        await Eventually.TrueAsync(() => Task.FromResult(bridge.Metrics.Get("edgegw_bridge_repair_abandoned_total") == 1), "the bridge gives up");

        Assert.False(commands.TryRead(out _));
        Assert.Equal(2, bridge.Metrics.Get("edgegw_bridge_repair_requests_total"));
        Assert.Equal(2, (await StreamAsync(bridge, "gw-tail")).GetProperty("repair_requests").GetInt32());
    }

    private Task<BridgeUnderTest> StartAsync(FakeClock clock, int maxAttempts) =>
        BridgeUnderTest.StartAsync(
            mosquitto.Broker.Port,
            o =>
            {
                o.Repair.GraceSeconds = 20;
                o.Repair.RetrySeconds = 60;
                o.Repair.MaxAttempts = maxAttempts;
                o.Repair.ScanIntervalMs = 50;
            },
            clock);

    private static CommandResult Result(string requestId, IReadOnlyList<SeqRange> resent, IReadOnlyList<SeqRange> gone) => new()
    {
        RequestId = requestId,
        Ok = true,
        At = T0,
        Result = JsonSerializer.SerializeToElement(
            new OutboxResendResult { Stream = "heartbeats", Resent = resent, Gone = gone }, ProtocolJsonContext.Default.OutboxResendResult),
    };

    private static async Task<CommandRequest> ReadAsync(System.Threading.Channels.ChannelReader<CommandRequest> commands)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        return await commands.ReadAsync(timeout.Token);
    }

    private static async Task<JsonElement> StreamAsync(BridgeUnderTest bridge, string gateway)
    {
        var results = (await bridge.GetJsonAsync($"/api/v1/streams/?gateway_id={gateway}")).GetProperty("results");
        return results.GetArrayLength() > 0 ? results[0] : JsonDocument.Parse("""{"open_gaps":0,"lost_items":0,"last_seq":null}""").RootElement;
    }
}
