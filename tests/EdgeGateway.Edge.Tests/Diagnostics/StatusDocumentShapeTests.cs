using System.Net.Http.Json;
using System.Text.Json;
using EdgeGateway.Edge.Diagnostics.Web;
using EdgeGateway.Edge.Uplink;

namespace EdgeGateway.Edge.Tests.Diagnostics;

/// <summary>
/// Pins the names the page's script (Diagnostics/Web/Assets/app.js) reads from /api/status and the SSE stream, so a
/// renamed record property or a changed serializer setting (names, nulls, enums) fails here instead of blanking a tab.
/// </summary>
public class StatusDocumentShapeTests
{
    private static readonly string[] SimulatedParts = ["gateway", "outbox", "radio", "nfc", "beaconConfig", "health"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_status_document_has_every_part_and_field_the_page_reads()
    {
        await using var gateway = await RunningGateway.StartAsync();
        await gateway.LoginAsync();

        var status = await gateway.Client.GetFromJsonAsync<JsonElement>("/api/status", Ct);

        Assert.Equal(SimulatedParts, status.EnumerateObject().Select(p => p.Name));
        HasFields(status.GetProperty("gateway"), "gatewayId", "site", "version", "hostname", "uptimeSeconds", "now", "interfaces",
            "processMemoryBytes", "diskFreeBytes", "diskTotalBytes");
        HasFields(status.GetProperty("outbox"), "backlog", "mode", "shed", "lastSync", "lastStorageError");
        HasFields(status.GetProperty("radio"), "state", "detail", "controller", "scanMode", "reportsPerSecond", "beaconCount", "beacons");
        HasFields(status.GetProperty("nfc"), "state", "detail", "firmware", "transport", "reads", "reconnects", "lastError", "recentTaps", "shownCodes");
        HasFields(status.GetProperty("beaconConfig"), "desiredVersion", "reportedVersion", "beacons");
        Assert.All(status.GetProperty("health").EnumerateArray(), h => HasFields(h, "part", "healthy", "detail"));

        // Nulls are written, not left out: the script tells "no value yet" from a missing part.
        Assert.Equal(JsonValueKind.Null, status.GetProperty("outbox").GetProperty("lastStorageError").ValueKind);
        Assert.Equal("disk", status.GetProperty("outbox").GetProperty("mode").GetString());
        Assert.Equal("sim-gw-1", status.GetProperty("gateway").GetProperty("gatewayId").GetString());
    }

    [Fact]
    public async Task Beacon_rows_and_log_lines_keep_their_names_and_enum_names()
    {
        await using var gateway = await RunningGateway.StartAsync();
        await gateway.LoginAsync();

        JsonElement beacon = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var status = await gateway.Client.GetFromJsonAsync<JsonElement>("/api/status", Ct);
            if (status.GetProperty("radio").GetProperty("beacons").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first)
            {
                beacon = first;
                break;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Equal(JsonValueKind.Object, beacon.ValueKind);
        HasFields(beacon, "id", "address", "frames", "rssi", "rssiSmoothed", "distanceM", "batteryMv", "temperatureC", "lastSeen", "count");

        var logs = await gateway.Client.GetFromJsonAsync<JsonElement>("/api/logs?since=0", Ct);
        var line = logs.EnumerateArray().First();
        HasFields(line, "sequence", "at", "level", "category", "message");
        Assert.Equal(JsonValueKind.String, line.GetProperty("level").ValueKind);
    }

    [Fact]
    public void The_uplink_part_keeps_its_names_when_a_broker_is_configured()
    {
        var uplink = new UplinkStatus(true, "mqtts://broker:8883", DateTimeOffset.UnixEpoch, 3, null, 10, 0, 1, null, null);

        var json = JsonSerializer.SerializeToElement(uplink, DiagnosticsJsonContext.Default.UplinkStatus);

        Assert.Equal(
            ["connected", "broker", "connectedSince", "session", "lastPublish", "published", "inFlight", "reconnects", "lastError", "lastErrorAt"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("lastPublish").ValueKind);
    }

    private static void HasFields(JsonElement part, params string[] names)
    {
        Assert.Equal(JsonValueKind.Object, part.ValueKind);
        var present = part.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(names, n => Assert.Contains(n, present));
    }
}
