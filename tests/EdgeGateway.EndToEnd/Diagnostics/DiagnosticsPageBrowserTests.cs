using EdgeGateway.EndToEnd.Browser;
using EdgeGateway.EndToEnd.Processes;
using Microsoft.Playwright;

namespace EdgeGateway.EndToEnd.Diagnostics;

/// <summary>The technicians' page in real headless Chromium against a real `edgegw run --simulate` process.</summary>
public sealed class DiagnosticsPageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private GatewayProcess? _gateway;

    private GatewayProcess Gateway => _gateway!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayProcess.StartSimulatedAsync();

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_technician_logs_in_and_sees_the_gateway_identity_live()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(Gateway.BaseAddress.ToString());
        Assert.EndsWith("/login?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#password", Gateway.Password);
        await page.ClickAsync("#login");

        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");
        await Assertions.Expect(page.Locator("#gateway")).ToContainTextAsync("sim-gw-1");
        await Assertions.Expect(page.Locator("#gateway")).ToContainTextAsync("demo-shop");
        await ChromiumFixture.ScreenshotAsync(page, "status-desktop");
    }

    [Fact]
    public async Task Wrong_passwords_show_an_error_then_a_lockout()
    {
        await using var context = await chromium.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Gateway.BaseAddress, "/login").ToString());

        for (var i = 0; i < 5; i++)
        {
            await page.FillAsync("#password", "wrong-password");
            await page.ClickAsync("#login");
            await Assertions.Expect(page.Locator(".error")).ToHaveTextAsync("Wrong password.");
        }

        // Each further failure doubles the wait (1, 2, 4, 8, 16 s). Four more counted failures give a 16 s lockout,
        // long enough that the right password is refused even on a loaded machine where a click takes seconds.
        for (var counted = 5; counted < 9;)
        {
            await page.FillAsync("#password", "wrong-password");
            await page.ClickAsync("#login");
            var error = page.Locator(".error");
            await Assertions.Expect(error).ToBeVisibleAsync();
            if ((await error.TextContentAsync())?.Contains("Wrong password.", StringComparison.Ordinal) == true)
            {
                counted++;
            }
            else
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }

        await page.FillAsync("#password", Gateway.Password);
        await page.ClickAsync("#login");

        await Assertions.Expect(page.Locator(".error")).ToContainTextAsync("Too many wrong passwords");
        await ChromiumFixture.ScreenshotAsync(page, "login-locked-phone");
    }

    [Fact]
    public async Task The_self_test_shows_each_check_with_its_verdict()
    {
        await using var context = await chromium.NewContextAsync(phone: true);
        var page = await LoggedInAsync(context);

        await page.ClickAsync("#tabs button[data-tab=selftest]");
        await page.ClickAsync("#selftest-run");

        await Assertions.Expect(page.Locator("#selftest li[data-check=disk]")).ToContainTextAsync("PASS");
        await Assertions.Expect(page.Locator("#selftest li[data-check=clock]")).ToBeVisibleAsync();
        await ChromiumFixture.ScreenshotAsync(page, "selftest-phone");
    }

    [Fact]
    public async Task Beacons_from_the_emulated_radio_appear_and_update()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await LoggedInAsync(context);

        await page.ClickAsync("#tabs button[data-tab=radio]");
        await Assertions.Expect(page.Locator("#beacons tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#radio")).ToContainTextAsync("scanning");
        await page.WaitForFunctionAsync(@"() => /Reports\/s\s+[1-9]/.test(document.querySelector('#radio').innerText)", null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
        var before = await page.InnerTextAsync("#beacons tbody");
        await page.WaitForFunctionAsync("b => document.querySelector('#beacons tbody').innerText !== b", before,
            new PageWaitForFunctionOptions { Timeout = 15_000 });

        Assert.True(await page.Locator("#beacons tbody tr").CountAsync() >= 5);
        await page.FillAsync("#beacon-filter", "ibeacon");
        await Assertions.Expect(page.Locator("#beacons tbody tr").First).ToContainTextAsync("ibeacon:");
        await ChromiumFixture.ScreenshotAsync(page, "radio-desktop");
    }

    [Fact]
    public async Task A_technician_reads_the_tag_writes_a_url_and_reads_it_back()
    {
        await using var context = await chromium.NewContextAsync(phone: true);
        var page = await LoggedInAsync(context);
        await page.ClickAsync("#tabs button[data-tab=nfc]");
        await Assertions.Expect(page.Locator("#nfc")).ToContainTextAsync("ready");

        await page.ClickAsync("#nfc-read");
        await Assertions.Expect(page.Locator("#nfc-result")).ToContainTextAsync("045a6b7c8d9ea0", new() { Timeout = 15_000 });
        await page.FillAsync("#nfc-url", "https://shop.example/t/shelf-7");
        await page.ClickAsync("#nfc-write button[type=submit]");
        await Assertions.Expect(page.Locator("#nfc-result")).ToContainTextAsync("\"success\": true", new() { Timeout = 25_000 });
        await page.ClickAsync("#nfc-read");

        await Assertions.Expect(page.Locator("#nfc-result")).ToContainTextAsync("https://shop.example/t/shelf-7", new() { Timeout = 15_000 });
        await ChromiumFixture.ScreenshotAsync(page, "nfc-phone");
    }

    [Fact]
    public async Task A_state_change_without_the_csrf_token_is_refused()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await LoggedInAsync(context);

        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/selftest', { method: 'POST' })).status");
        var withToken = await page.EvaluateAsync<int>(
            "async () => { const t = (await (await fetch('/api/csrf')).json()).token; return (await fetch('/api/selftest', { method: 'POST', headers: { 'X-CSRF-TOKEN': t } })).status; }");

        Assert.Equal(400, status);
        Assert.Equal(200, withToken);
    }

    [Fact]
    public async Task The_beacon_config_form_sets_tx_power_and_interval_over_gatt_and_the_table_shows_the_rounded_result()
    {
        await using var context = await chromium.NewContextAsync(phone: true);
        var page = await LoggedInAsync(context);

        await page.ClickAsync("#tabs button[data-tab=config]");
        await page.FillAsync("#config-id", "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:0");
        await page.FillAsync("#config-tx", "-10");
        await page.FillAsync("#config-interval", "400");
        await page.ClickAsync("#config-set button[type=submit]");

        await Assertions.Expect(page.Locator("#config-result")).ToContainTextAsync("\"state\": \"rounded\"", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#config tbody")).ToContainTextAsync("-8 dBm, 400 ms", new() { Timeout = 10_000 });
        await ChromiumFixture.ScreenshotAsync(page, "beacon-config-phone");
    }

    private async Task<IPage> LoggedInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Gateway.BaseAddress, "/login").ToString());
        await page.FillAsync("#password", Gateway.Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");
        return page;
    }
}
