using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeGateway.Edge.Tests.Diagnostics;

namespace EdgeGateway.Edge.Tests.BeaconConfig;

/// <summary>The Beacon config tab's API on `edgegw run --simulate`: CSRF-protected set, validation, and the status section.</summary>
public sealed class BeaconConfigPageApiTests
{
    private const string IBeacon0 = "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_needs_the_csrf_token_then_applies_over_gatt_and_shows_desired_against_reported()
    {
        await using var gateway = await RunningGateway.StartAsync("Scanning:SimulatedBeacons=10", "BeaconConfig:HearTimeout=00:00:10");
        await gateway.LoginAsync();
        var body = JsonContent.Create(new { beaconId = IBeacon0, txPowerDbm = -10, intervalMs = 400 });

        using var refused = await gateway.Client.PostAsync("/api/beacon-config/set", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var token = (await gateway.Client.GetFromJsonAsync<JsonElement>("/api/csrf", Ct)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/beacon-config/set") { Content = JsonContent.Create(new { beaconId = IBeacon0, txPowerDbm = -10, intervalMs = 400 }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var accepted = await gateway.Client.SendAsync(request, Ct);
        var report = await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("rounded", report.GetProperty("state").GetString());
        Assert.Equal(-8, report.GetProperty("txPowerDbm").GetInt32());

        var status = await gateway.Client.GetFromJsonAsync<JsonElement>("/api/status", Ct);
        var row = status.GetProperty("beaconConfig").GetProperty("beacons").EnumerateArray().Single(b => b.GetProperty("beaconId").GetString() == IBeacon0);
        Assert.Equal(400, row.GetProperty("reported").GetProperty("intervalMs").GetInt32());
        Assert.Equal("none", row.GetProperty("lockKey").GetString());
    }

    [Theory]
    [InlineData("{\"beaconId\":\"ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:0\",\"txPowerDbm\":99}", "txPowerDbm must be -40..20")]
    [InlineData("{\"beaconId\":\"ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:0\"}", "give a TX power, an interval, or both")]
    [InlineData("{\"txPowerDbm\":0}", "send {")]
    [InlineData("not json", "")]
    public async Task Bad_input_is_a_400_with_the_reason(string json, string reason)
    {
        await using var gateway = await RunningGateway.StartAsync();
        await gateway.LoginAsync();
        var token = (await gateway.Client.GetFromJsonAsync<JsonElement>("/api/csrf", Ct)).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/beacon-config/set") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CSRF-TOKEN", token);

        using var response = await gateway.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
