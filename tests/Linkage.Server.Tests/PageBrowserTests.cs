using Linkage.Server.Tests.Support;
using Microsoft.Playwright;

namespace Linkage.Server.Tests;

/// <summary>
/// The page in a real browser (Debian's chromium through Playwright) against the server on a loopback
/// port: search, open an activity, see the rule and its evidence. Screenshots are kept as test artifacts
/// in artifacts/screenshots/.
/// </summary>
public sealed class PageBrowserTests : IDisposable
{
    private readonly ServerWorld _world = new();

    private static string Screenshots
    {
        get
        {
            string dir = Path.Combine(Repo.Root, "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static async Task<(IPlaywright, IBrowser)> Launch()
    {
        if (Chromium.Unavailable is { } problem)
        {
            throw new InvalidOperationException($"the browser test needs chromium (CI=true), but {problem}; scripts/chromium.sh installs it");
        }

        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = Chromium.Args,
        });
        return (playwright, browser);
    }

    [BrowserFact]
    public async Task Search_then_activity_shows_rule_and_evidence()
    {
        await using RunningServer server = await RunningServer.StartAsync(_world.Options);
        (IPlaywright playwright, IBrowser browser) = await Launch();
        using (playwright)
        {
            await using (browser)
            {
                IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
                var consoleErrors = new List<string>();
                page.Console += (_, m) =>
                {
                    if (m.Type == "error")
                    {
                        consoleErrors.Add(m.Text);
                    }
                };

                await page.GotoAsync($"{server.Url}/#key={_world.NorthwindKey}");
                await page.Locator("#workspace").GetByText("northwind").WaitForAsync();
                // The key left the address for the tab's session storage.
                Assert.DoesNotContain("key=", page.Url);
                Assert.Equal(_world.NorthwindKey, await page.EvaluateAsync<string>("sessionStorage.getItem('linkage.key')"));

                await page.FillAsync("#search-input", "r.mehta@acme-robotics.com");
                await page.ClickAsync("#search-button");
                ILocator result = page.Locator("tr.result-activity a", new PageLocatorOptions { HasText = "E002" });
                await result.WaitForAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "search.png"), FullPage = true });
                await result.ClickAsync();

                ILocator rule = page.Locator("[data-testid=participant-rule]").First;
                await rule.WaitForAsync();
                Assert.Equal("contact-email", (await rule.InnerTextAsync()).Trim());
                Assert.Equal("email:r.mehta@acme-robotics.com", (await page.Locator("[data-testid=matched-on]").First.InnerTextAsync()).Trim());
                Assert.Equal(["external", "internal", "internal"], await page.Locator("[data-testid=participant-class]").AllInnerTextsAsync());
                Assert.Contains("opened-after", await page.Locator("main").InnerTextAsync());
                Assert.Contains("useContactRoles", await page.Locator("main").InnerTextAsync());

                string shot = Path.Combine(Screenshots, "activity-E002.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                byte[] png = await File.ReadAllBytesAsync(shot);
                Assert.True(png.Length > 10_000, "the screenshot has content");
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
                Assert.Empty(consoleErrors);
            }
        }
    }

    [BrowserFact]
    public async Task Account_timeline_tie_breaks_and_coverage_chart_render()
    {
        await using RunningServer server = await RunningServer.StartAsync(_world.Options);
        (IPlaywright playwright, IBrowser browser) = await Launch();
        using (playwright)
        {
            await using (browser)
            {
                IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
                await page.GotoAsync($"{server.Url}/#key={_world.NorthwindKey}");
                await page.Locator("#workspace").GetByText("northwind").WaitForAsync();

                await page.GotoAsync($"{server.Url}/#/account/A01");
                await page.Locator("ol.timeline li.event.activity").First.WaitForAsync();
                string timeline = await page.Locator("ol.timeline").InnerTextAsync();
                Assert.Contains("E002", timeline);
                Assert.Contains("Acme Robotics - Vision Add-on opened", timeline);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "account-A01.png"), FullPage = true });

                await page.ClickAsync("nav a[data-nav=coverage]");
                await page.Locator("[data-testid=coverage-chart] rect").First.WaitForAsync();
                Assert.True(await page.Locator("[data-testid=coverage-chart] rect").CountAsync() >= 3);
                Assert.Contains("blackmesa-research.org", await page.Locator(".gaps").InnerTextAsync());
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "coverage.png"), FullPage = true });

                // Without a key, the page asks for one instead of failing.
                await page.EvaluateAsync("sessionStorage.clear()");
                await page.ReloadAsync();
                await page.Locator("#key-input").WaitForAsync();
            }
        }
    }

    public void Dispose() => _world.Dispose();
}
