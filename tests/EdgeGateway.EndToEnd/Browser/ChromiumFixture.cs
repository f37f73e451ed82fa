using EdgeGateway.Testing.Tools;
using Microsoft.Playwright;

namespace EdgeGateway.EndToEnd.Browser;

/// <summary>
/// The system's headless Chromium (/usr/bin/chromium from Debian) driven by Playwright .NET; Playwright's
/// own browser download is never used. One browser per test class; each test opens its own context.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser
    {
        get
        {
            if (_browser is not null)
            {
                return _browser;
            }

            ExternalProgram.Chromium.Require();
            throw new InvalidOperationException("chromium is installed but did not start; see the fixture's initialisation error");
        }
    }

    public async ValueTask InitializeAsync()
    {
        var chromium = ExternalProgram.Chromium.Find();
        if (chromium is null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Flags,
        });
    }

    /// <summary>A fresh context (own cookies) sized like a phone when asked, since technicians use phones.</summary>
    public Task<IBrowserContext> NewContextAsync(bool phone = false) =>
        Browser.NewContextAsync(phone
            ? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true }
            : new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(TestArtifacts.Directory("screenshots"), $"{name}.png"),
            FullPage = true,
        });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
