using EdgeGateway.EndToEnd.Browser;
using EdgeGateway.EndToEnd.Processes;
using EdgeGateway.Testing.Mqtt;
using Microsoft.Playwright;

namespace EdgeGateway.EndToEnd.Diagnostics;

/// <summary>The page against a gateway connected to a real mosquitto: the alarm appears when the broker goes away.</summary>
public sealed class CloudAlarmBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_page_shows_an_alarm_when_the_broker_stops_and_clears_it_when_it_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync(cancellationToken: ct);
        await using var gateway = await GatewayProcess.StartSimulatedAsync(
            ["--set", "Uplink:Host=127.0.0.1", "--set", $"Uplink:Port={broker.Port}", "--set", "Uplink:UseTls=false",
             "--set", "Uplink:ReconnectMinDelay=00:00:00.200", "--set", "Uplink:ReconnectMaxDelay=00:00:01"]);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(gateway.BaseAddress, "/login").ToString());
        await page.FillAsync("#password", gateway.Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#cloud")).ToContainTextAsync("connected", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#alarm")).ToBeHiddenAsync();

        broker.Kill();

        await Assertions.Expect(page.Locator("#alarm")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#alarm")).ToContainTextAsync("cloud disconnected");
        await ChromiumFixture.ScreenshotAsync(page, "alarm-broker-down");
        await broker.RestartAsync(ct);
        await Assertions.Expect(page.Locator("#alarm")).ToBeHiddenAsync(new() { Timeout = 20_000 });
    }
}
