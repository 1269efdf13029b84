using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// A host on which a device shared by more than five accounts is a hub, and stays one: with operator judgement off,
/// the lockstep accounts on it do not make it their operator's, so it is queued as a hub rather than glued.
/// </summary>
public sealed class LowHubThresholdHost : ConsoleHost
{
    protected override string[] Settings => ["--Distill:Detection:HubThresholds:device=5", "--Distill:Detection:OperatorBehaviour=0"];
}

/// <summary>
/// A flagged hub opens from the queue: where its accounts sit, how it is drawn in their components' graphs, and a
/// benign mark with a note.
/// </summary>
public sealed class HubTests(LowHubThresholdHost host, Browser browser) : IClassFixture<LowHubThresholdHost>, IClassFixture<Browser>
{
    [Fact]
    public async Task AFlaggedHub_ShowsItsAccountsComponents()
    {
        // Eight lockstep accounts on one device, and three more that used it once and nothing else: past five
        // accounts the device is a hub, so the three are components of their own.
        var events = Scenarios.Ring("hb-", 8, device: "hb-dev", template: "hb-tpl", card: "hb-tok").ToList();
        events.AddRange(Enumerable.Range(0, 3).Select(i =>
            (object)new { type = "usage", account = $"hb-one{i}", at = $"2026-04-21T09:0{i}:00Z", device = "hb-dev", requests = 3, id = $"hb-o{i}" }));
        var accounts = Enumerable.Range(0, 8).Select(i => $"hb-ring{i}").Concat(Enumerable.Range(0, 3).Select(i => $"hb-one{i}")).ToList();
        await host.IngestAsync(Scenarios.Lines(events));
        const string hub = "device:hb-dev";
        await Orleans.Distill.Tests.Eventually.AssertAsync(async () =>
        {
            var queue = await host.GetAsync("/v1/queue");
            Assert.Contains(queue.EnumerateArray(), i => i.GetProperty("id").GetString() == hub && i.GetProperty("kind").GetString() == "hub");
        }, TimeSpan.FromSeconds(60));

        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ana");
        await page.ClickAsync($"#queue tbody tr[data-id='{hub}'] a.item-id");
        await Expect(page.Locator("#hub-value")).ToHaveTextAsync("hb-dev");
        await Expect(page.Locator("#accounts li")).ToHaveCountAsync(accounts.Count);
        var components = page.Locator("#components tbody tr");
        await Expect(components.First).ToBeVisibleAsync();
        var shares = await page.Locator("#components tbody td.num").AllTextContentsAsync();
        Assert.Equal(accounts.Count, shares.Sum(int.Parse));

        // The smallest of those components, so that expanding the hub there brings in the accounts outside it.
        var listed = await page.Locator("#components tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('a').textContent, r.querySelector('td.num').textContent])");
        var (smallest, inside) = listed.Select(c => (Id: c[0], Accounts: int.Parse(c[1], CultureInfo.InvariantCulture))).MinBy(c => c.Accounts);
        await page.ClickAsync($"#components a:text-is('{smallest}')");
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        // The hub is drawn with the legend's dashed border; identifiers that glue have none.
        var drawn = await GraphProbe.NodesAsync(page);
        var hubNode = Assert.Single(drawn, n => n.Id == hub);
        Assert.True(hubNode.Hub);
        var swatch = await page.Locator("#legend .swatch.hub").EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopColor");
        Assert.Equal(swatch.Replace(", ", ","), $"{hubNode.BorderStyle} {hubNode.BorderColor}");
        Assert.All(drawn.Where(n => !n.Hub && !n.Benign), n => Assert.Equal("0px", n.BorderWidth));
        Assert.Equal(inside, drawn.Count(n => n.Kind == "account"));

        // Clicked, the hub is selected and described; expanded, it brings in exactly the accounts not yet drawn.
        await GraphProbe.ClickNodeAsync(page, hub);
        await Expect(page.Locator("#details dd")).ToHaveTextAsync(["device", "hb-dev", "yes: glues no one", inside.ToString(CultureInfo.InvariantCulture)]);
        await page.ClickAsync("#expand");
        await Expect(page.Locator("#message")).ToHaveTextAsync($"{accounts.Count - inside} nodes added next to hb-dev.");
        var expanded = await GraphProbe.NodesAsync(page);
        Assert.Equal(drawn.Count + accounts.Count - inside, expanded.Count);
        Assert.Equal(accounts.Select(a => $"account:{a}").Order(StringComparer.Ordinal), expanded.Where(n => n.Kind == "account").Select(n => n.Id).Order(StringComparer.Ordinal));
        await page.GoBackAsync();
        await Expect(page.Locator("#hub-value")).ToHaveTextAsync("hb-dev");

        await page.FillAsync("#note", "the office's shared laptop");
        await page.ClickAsync("#benign");
        await Expect(page.Locator("#message")).ToContainTextAsync("marked benign");
        await Expect(page.Locator("#summary")).ToContainTextAsync("marked benign");
        Assert.Empty(watch.Problems);
    }
}
