using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// A component of 5,000 nodes stays usable: the layout finishes, hubs are drawn as one node that expands on demand,
/// and the time the evidence page takes in headless chromium is measured and kept as an artifact.
/// </summary>
public sealed class LargeComponentTests(ConsoleHost host, Browser browser, ITestOutputHelper output) : IClassFixture<ConsoleHost>, IClassFixture<Browser>
{
    /// <summary>Accounts in the chain; with the devices between them, 2 × 2,500 + 1 nodes.</summary>
    private const int Accounts = 2_500;

    /// <summary>Generous for a shared 2-core machine; the measured time is reported, not this bound.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FiveThousandNodes_LayOutAndHubsCollapse()
    {
        // Account i uses devices i and i+1, so the chain is one component; every account also shares one /24 and one
        // template, both far past their hub thresholds.
        var events = new List<object>();
        for (var i = 0; i < Accounts; i++)
        {
            var account = $"big-{i:0000}";
            var day = 1 + (i % 28);
            events.Add(new { type = "signup", account, at = $"2026-04-{day:00}T09:00:00Z", ip = $"10.77.1.{i % 250}", device = $"big-dev-{i}", id = $"big-s{i}" });
            events.Add(new { type = "usage", account, at = $"2026-04-{day:00}T10:00:00Z", device = $"big-dev-{i + 1}", template = "big-template", requests = 20, id = $"big-u{i}" });
        }

        foreach (var batch in events.Chunk(2_000))
        {
            await host.IngestAsync(Scenarios.Lines(batch));
        }

        var component = await host.ComponentOfAsync("big-0000");
        await Orleans.Distill.Tests.Eventually.AssertAsync(async () =>
        {
            Assert.Equal(component, await host.ComponentOfAsync($"big-{Accounts - 1:0000}"));
            Assert.Equal(Accounts, (await host.GetAsync($"/v1/components/{component}")).GetProperty("accounts").GetInt64());
        }, TimeSpan.FromSeconds(120));
        component = await host.ComponentOfAsync("big-0000");

        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ana");
        await Expect(page.Locator("#who")).ToContainTextAsync("ana");

        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"{host.BaseUrl}/console/component.html?id={component}&focus=hubs");
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = (float)Budget.TotalMilliseconds });
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = (float)Budget.TotalMilliseconds });
        var pageMs = clock.ElapsedMilliseconds;
        var graphMs = int.Parse((await page.Locator("#graph").GetAttributeAsync("data-render-ms"))!, CultureInfo.InvariantCulture);

        // Every member and device is drawn, and the two hubs are one node.
        var nodes = 2 * Accounts + 1;
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-nodes", (nodes + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(Accounts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Artifacts, "large-component.png") });

        // The hubs node expands on demand, and the page still answers a click at once afterwards.
        var expanding = Stopwatch.StartNew();
        await page.ClickAsync("#expand");
        await Expect(page.Locator("#message")).ToHaveTextAsync("2 nodes added next to 2 hubs.");
        var expandMs = expanding.ElapsedMilliseconds;
        var fitting = Stopwatch.StartNew();
        await page.ClickAsync("#fit", new() { Timeout = 10_000 });
        var fitMs = fitting.ElapsedMilliseconds;

        var report = $"{nodes} nodes: graph drawn and laid out in {graphMs} ms; evidence page ready in {pageMs} ms; " +
            $"hubs expanded (+5,000 links) in {expandMs} ms, then a redraw in {fitMs} ms (headless chromium)";
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(Browser.Artifacts, "large-component.txt"), report + "\n");
        Assert.True(pageMs < Budget.TotalMilliseconds, report);
        Assert.Empty(watch.Problems);
    }
}
