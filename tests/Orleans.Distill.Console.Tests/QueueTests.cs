using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>The queue's filters and bulk decisions, and where a component that merged went.</summary>
public sealed class QueueTests(ConsoleHost host, Browser browser) : IClassFixture<ConsoleHost>, IClassFixture<Browser>
{
    [Fact]
    public async Task Filters_NarrowTheQueue_AndBulkDecisionsAreSeparateAuditEntries()
    {
        await host.IngestAsync(Scenarios.Lines(Scenarios.Ring("qa-", 8, device: "qa-dev", template: "qa-tpl", card: "qa-tok")
            .Concat(Scenarios.Ring("qb-", 12, device: "qb-dev", template: "qb-tpl", card: "qb-tok", net: "192.0.2"))));
        var small = await host.WaitQueuedAsync("qa-ring0");
        var large = await host.WaitQueuedAsync("qb-ring0");

        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/console/signin");
        await page.FillAsync("#key", host.Keys["ben"]);
        await page.ClickAsync("button[type=submit]");
        var rows = page.Locator("#queue tbody tr[data-id]");
        await Expect(rows).ToHaveCountAsync(2);

        // Size: only the ring of twelve has ten accounts or more.
        await page.FillAsync("#filter-min", "10");
        await page.PressAsync("#filter-min", "Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", large);
        await page.FillAsync("#filter-min", "");
        await page.PressAsync("#filter-min", "Enter");
        await Expect(rows).ToHaveCountAsync(2);

        // Decision: each ring is listed under its own decision only.
        var byDecision = 0;
        foreach (var decision in new[] { "deny", "review" })
        {
            var expected = (await host.GetAsync($"/v1/queue?decision={decision}")).GetArrayLength();
            await page.SelectOptionAsync("#filter-decision", decision);
            await Expect(rows).ToHaveCountAsync(expected);
            await Expect(page.Locator($"#queue tbody [data-decision={decision}]")).ToHaveCountAsync(expected);
            byDecision += expected;
        }

        Assert.Equal(2, byDecision);
        await page.SelectOptionAsync("#filter-decision", "");
        await Expect(rows).ToHaveCountAsync(2);

        // Claim from the keyboard, and release again (Escape leaves the filter field first).
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("c");
        var claimed = page.Locator("#queue tbody tr.selected td.claimed");
        await Expect(claimed).ToHaveTextAsync("ben");
        await page.Keyboard.PressAsync("r");
        await Expect(claimed).ToHaveTextAsync("");
        await Expect(page.Locator("#message")).ToContainTextAsync("Released");

        // Both selected, one note, one click: two decisions, each its own entry in the log.
        await page.CheckAsync("#select-all");
        await page.FillAsync("#note", "two rings on one script");
        await page.ClickAsync("#bulk-fraud");
        await Expect(page.Locator("#message")).ToHaveTextAsync("2 items labelled fraud.");
        await Expect(rows).ToHaveCountAsync(0);
        await page.CheckAsync("#filter-decided");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#queue tbody td.claimed").First).ToContainTextAsync("decided fraud by ben");

        var audit = await host.GetAsync("/v1/audit");
        var labels = audit.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "label_component:fraud" && e.GetProperty("who").GetString() == "ben")
            .Select(e => e.GetProperty("target").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(new[] { small, large }.Order(StringComparer.Ordinal), labels);
        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task AMergedComponent_ShowsWhereItWent()
    {
        await host.IngestAsync(Scenarios.Lines(
        [
            new { type = "payment", account = "mg-a", at = "2026-04-22T10:00:00Z", instrument = "mg-tok-1", id = "mg1" },
            new { type = "payment", account = "mg-b", at = "2026-04-22T10:01:00Z", instrument = "mg-tok-1", id = "mg2" },
            new { type = "payment", account = "mg-c", at = "2026-04-22T10:02:00Z", instrument = "mg-tok-2", id = "mg3" },
            new { type = "payment", account = "mg-d", at = "2026-04-22T10:03:00Z", instrument = "mg-tok-2", id = "mg4" },
        ]));
        var before = new[] { await host.ComponentOfAsync("mg-a"), await host.ComponentOfAsync("mg-c") };
        Assert.NotEqual(before[0], before[1]);
        await host.IngestAsync(Scenarios.Lines([new { type = "payment", account = "mg-b", at = "2026-04-22T11:00:00Z", instrument = "mg-tok-2", id = "mg5" }]));
        var merged = await host.ComponentOfAsync("mg-a");
        var old = before.Single(id => id != merged);

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/console/signin");
        await page.FillAsync("#key", host.Keys["ana"]);
        await page.ClickAsync("button[type=submit]");
        await page.GotoAsync($"{host.BaseUrl}/console/component.html?id={old}");
        await Expect(page.Locator("#merged-from")).ToHaveTextAsync($"{old} has merged into {merged}.");
        await Expect(page.Locator("#component-id")).ToHaveTextAsync(merged);
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#csv")).ToHaveAttributeAsync("href", new Regex($"/v1/components/{merged}/members\\?format=csv$"));
    }
}
