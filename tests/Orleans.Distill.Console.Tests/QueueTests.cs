using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>The queue's order, columns, filters, keys and bulk decisions, and where a component that merged or split went.</summary>
public sealed class QueueTests(ConsoleHost host, Browser browser) : IClassFixture<ConsoleHost>, IClassFixture<Browser>
{
    [Fact]
    public async Task TheQueue_IsWorstFirst_NarrowsByFilter_AndIsWorkedFromTheKeyboard()
    {
        // Rings of twelve and eight accounts that signed up in the last three days, and one of ten three weeks before.
        await host.IngestAsync(Scenarios.Lines(Scenarios.Ring("qa-", 8, device: "qa-dev", template: "qa-tpl", card: "qa-tok")
            .Concat(Scenarios.Ring("qb-", 12, device: "qb-dev", template: "qb-tpl", card: "qb-tok", net: "192.0.2"))
            .Concat(Scenarios.Ring("qc-", 10, device: "qc-dev", template: "qc-tpl", card: "qc-tok", net: "198.18.0", firstDay: 1))));
        var small = await host.WaitQueuedAsync("qa-ring0");
        var large = await host.WaitQueuedAsync("qb-ring0");
        var old = await host.WaitQueuedAsync("qc-ring0");
        await host.WaitSettledAsync();
        var queue = (await host.GetAsync("/v1/queue")).EnumerateArray().ToList();
        var order = queue.Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(new[] { small, large, old }.Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));

        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ben");
        var rows = page.Locator("#queue tbody tr[data-id]");

        // Worst first: the ring of twelve scores higher than the ring of eight, and is listed above it.
        var score = queue.ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("score").GetDouble());
        Assert.True(score[large] > score[small], $"{score[large]} > {score[small]}");
        await Expect(rows).ToHaveCountAsync(3);
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(order, shown);
        Assert.True(shown.ToList().IndexOf(large) < shown.ToList().IndexOf(small));
        var shownScores = (await page.Locator("#queue tbody .score").AllTextContentsAsync()).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(shownScores.OrderDescending(), shownScores);

        // Each row's score, size, age and top reasons.
        var expected = new Dictionary<string, (int Accounts, int Age)> { [large] = (12, 2), [small] = (8, 2), [old] = (10, 21) };
        foreach (var item in queue)
        {
            var id = item.GetProperty("id").GetString()!;
            var row = page.Locator($"#queue tbody tr[data-id='{id}']");
            Assert.Equal(expected[id], (item.GetProperty("accounts").GetInt32(), item.GetProperty("age_days").GetInt32()));
            await Expect(row.Locator(".score")).ToHaveTextAsync(score[id].ToString("0.00", CultureInfo.InvariantCulture));
            await Expect(row.Locator("td.accounts")).ToHaveTextAsync(expected[id].Accounts.ToString(CultureInfo.InvariantCulture));
            await Expect(row.Locator("td.age")).ToHaveTextAsync($"{expected[id].Age} d");
            var reasons = item.GetProperty("reasons").EnumerateArray().ToList();
            Assert.InRange(reasons.Count, 1, 3);
            await Expect(row.Locator("td.reasons")).ToHaveTextAsync(string.Join(" · ", reasons.Select(Describe)));
        }

        // Size: from ten accounts, then also at most eleven; and the smallest alone below nine.
        await page.FillAsync("#filter-min", "10");
        await page.PressAsync("#filter-min", "Enter");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(order.Where(id => id != small), await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        await page.FillAsync("#filter-max", "11");
        await page.PressAsync("#filter-max", "Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", old);
        await page.FillAsync("#filter-min", "");
        await page.FillAsync("#filter-max", "9");
        await page.PressAsync("#filter-max", "Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", small);
        await page.FillAsync("#filter-max", "");
        await page.PressAsync("#filter-max", "Enter");
        await Expect(rows).ToHaveCountAsync(3);

        // An answer to an earlier filter that arrives after a later one's does not replace it.
        var table = page.Locator("#queue");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(url => url.Contains("min_accounts=10", StringComparison.Ordinal), async route =>
        {
            await held.Task;
            await route.ContinueAsync();
        });
        await page.FillAsync("#filter-min", "10");
        await page.PressAsync("#filter-min", "Enter");
        await Expect(table).ToHaveAttributeAsync("aria-busy", "true");
        await page.FillAsync("#filter-min", "");
        await page.FillAsync("#filter-max", "9");
        await page.PressAsync("#filter-max", "Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", small);
        held.SetResult();
        await Expect(table).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", small);
        await page.UnrouteAllAsync();
        await page.FillAsync("#filter-max", "");
        await page.PressAsync("#filter-max", "Enter");
        await Expect(rows).ToHaveCountAsync(3);

        // Age: the ring that signed up three weeks ago is left out at five days.
        await page.FillAsync("#filter-age", "5");
        await page.PressAsync("#filter-age", "Enter");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator($"#queue tbody tr[data-id='{old}']")).ToHaveCountAsync(0);
        await page.FillAsync("#filter-age", "");
        await page.PressAsync("#filter-age", "Enter");
        await Expect(rows).ToHaveCountAsync(3);

        // Decision: each ring is listed under its own decision only.
        var byDecision = 0;
        foreach (var decision in new[] { "deny", "review" })
        {
            var count = (await host.GetAsync($"/v1/queue?decision={decision}")).GetArrayLength();
            await page.SelectOptionAsync("#filter-decision", decision);
            await Expect(rows).ToHaveCountAsync(count);
            await Expect(page.Locator($"#queue tbody [data-decision={decision}]")).ToHaveCountAsync(count);
            byDecision += count;
        }

        Assert.Equal(3, byDecision);
        await page.SelectOptionAsync("#filter-decision", "");
        await Expect(rows).ToHaveCountAsync(3);

        // j and k move the selection down and up, and stop at the last row (Escape leaves the filter field first).
        var selected = page.Locator("#queue tbody tr.selected");
        await page.Keyboard.PressAsync("Escape");
        await Expect(selected).ToHaveAttributeAsync("data-id", order[0]);
        foreach (var (key, at) in new[] { ("j", 1), ("j", 2), ("j", 2), ("k", 1) })
        {
            await page.Keyboard.PressAsync(key);
            await Expect(selected).ToHaveAttributeAsync("data-id", order[at]);
        }

        await Expect(selected).ToHaveCountAsync(1);

        // Claim from the keyboard, and release again.
        await page.Keyboard.PressAsync("c");
        await Expect(selected.Locator("td.claimed")).ToHaveTextAsync("ben");
        await page.Keyboard.PressAsync("r");
        await Expect(selected.Locator("td.claimed")).ToHaveTextAsync("");
        await Expect(page.Locator("#message")).ToContainTextAsync("Released");

        // b decides the selected ring benign, with the note typed after n; the selection moves on to the next ring.
        await page.Keyboard.PressAsync("n");
        await page.Keyboard.TypeAsync("a team's load test");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("b");
        await Expect(page.Locator("#message")).ToHaveTextAsync($"{order[1]} labelled benign.");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(selected).ToHaveAttributeAsync("data-id", order[2]);

        // Both left selected, one note, one click: two decisions, each its own entry in the log.
        await page.CheckAsync("#select-all");
        await page.FillAsync("#note", "two rings on one script");
        await page.ClickAsync("#bulk-fraud");
        await Expect(page.Locator("#message")).ToHaveTextAsync("2 items labelled fraud.");
        await Expect(rows).ToHaveCountAsync(0);
        // Decided items are listed on asking. The ring labelled benign leaves the flagged list once detection has
        // re-scored its accounts, which may or may not have happened yet; while listed, it shows the decision too.
        await page.CheckAsync("#filter-decided");
        await Expect(page.Locator($"#queue tbody tr[data-id='{order[0]}'] td.claimed")).ToHaveTextAsync("decided fraud by ben");
        await Expect(page.Locator($"#queue tbody tr[data-id='{order[2]}'] td.claimed")).ToHaveTextAsync("decided fraud by ben");
        var benign = page.Locator($"#queue tbody tr[data-id='{order[1]}'] td.claimed");
        if (await benign.CountAsync() > 0)
        {
            await Expect(benign).ToHaveTextAsync("decided benign by ben");
        }

        var audit = (await host.GetAsync("/v1/audit")).EnumerateArray().Where(e => e.GetProperty("who").GetString() == "ben").ToList();
        string[] Targets(string action) => [.. audit.Where(e => e.GetProperty("action").GetString() == action).Select(e => e.GetProperty("target").GetString()!).Order(StringComparer.Ordinal)];
        Assert.Equal(new[] { order[0], order[2] }.Order(StringComparer.Ordinal), Targets("label_component:fraud"));
        Assert.Equal([order[1]], Targets("label_component:benign"));
        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task ASplitComponent_ShowsWhereThePiecesWent()
    {
        // Two pairs, each on a card of its own, joined only by a device one account of each used; sp-a paid three times.
        await host.IngestAsync(Scenarios.Lines(
        [
            new { type = "payment", account = "sp-a", at = "2026-04-10T09:00:00Z", instrument = "sp-tok-1", id = "sp1" },
            new { type = "payment", account = "sp-a", at = "2026-04-11T09:00:00Z", instrument = "sp-tok-1", id = "sp2" },
            new { type = "payment", account = "sp-a", at = "2026-04-12T09:00:00Z", instrument = "sp-tok-1", id = "sp3" },
            new { type = "payment", account = "sp-b", at = "2026-04-10T10:00:00Z", instrument = "sp-tok-1", id = "sp4" },
            new { type = "payment", account = "sp-c", at = "2026-04-10T11:00:00Z", instrument = "sp-tok-2", id = "sp5" },
            new { type = "payment", account = "sp-d", at = "2026-04-10T12:00:00Z", instrument = "sp-tok-2", id = "sp6" },
            new { type = "usage", account = "sp-b", at = "2026-04-11T10:00:00Z", device = "sp-dev", requests = 5, id = "sp7" },
            new { type = "usage", account = "sp-c", at = "2026-04-11T11:00:00Z", device = "sp-dev", requests = 5, id = "sp8" },
        ]));
        var before = await host.ComponentOfAsync("sp-a");
        Assert.Equal(before, await host.ComponentOfAsync("sp-d"));
        using (var ana = host.As("ana"))
        {
            using var marked = await ana.PostAsJsonAsync("/v1/entities/benign", new { kind = "device", entity = "sp-dev", why = "the support desk's tablet" });
            marked.EnsureSuccessStatusCode();
        }

        string[] pieces = [];
        await Orleans.Distill.Tests.Eventually.AssertAsync(async () =>
        {
            using var ben = host.As("ben");
            using var gone = await ben.GetAsync($"/v1/components/{before}");
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            pieces = [.. (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("split_into").EnumerateArray().Select(e => e.GetString()!)];
        }, TimeSpan.FromSeconds(60));
        var pieceOfA = await host.ComponentOfAsync("sp-a");
        Assert.Contains(pieceOfA, pieces);
        Assert.Contains(await host.ComponentOfAsync("sp-d"), pieces);
        Assert.NotEqual(pieceOfA, await host.ComponentOfAsync("sp-d"));

        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ana");
        await page.GotoAsync($"{host.BaseUrl}/console/component.html?id={before}");
        await Expect(page.Locator("#summary h1")).ToHaveTextAsync(before);
        await Expect(page.Locator("#summary .moved")).ToHaveTextAsync("This component has split into:");
        await Expect(page.Locator("#split-into li a")).ToHaveTextAsync(pieces);

        // Each piece opens from there: sp-a's holds the pair, and the device drawn as benign, as the legend shows it.
        await page.ClickAsync($"#split-into a:text-is('{pieceOfA}')");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/component.html?id={pieceOfA}");
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(2);
        Assert.Equal(["sp-a", "sp-b"], (await page.Locator("#members tbody td.account").AllTextContentsAsync()).Order(StringComparer.Ordinal));
        var device = Assert.Single(await GraphProbe.NodesAsync(page), n => n.Id == "device:sp-dev");
        Assert.True(device.Benign);
        var swatch = await page.Locator("#legend .swatch.benign").EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopColor");
        Assert.Equal(swatch.Replace(", ", ","), $"{device.BorderStyle} {device.BorderColor}");

        // The link that three payments made: first and last seen two days apart, count 3.
        await GraphProbe.TapAsync(page, "e:account:sp-a|instrument:sp-tok-1");
        await Expect(page.Locator("#details dd")).ToHaveTextAsync(["sp-a – sp-tok-1", "2026-04-10 09:00:00 UTC", "2026-04-12 09:00:00 UTC", "3", "yes"]);
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
        await host.SignInAsync(page, "ana");
        await page.GotoAsync($"{host.BaseUrl}/console/component.html?id={old}");
        await Expect(page.Locator("#merged-from")).ToHaveTextAsync($"{old} has merged into {merged}.");
        await Expect(page.Locator("#component-id")).ToHaveTextAsync(merged);
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#csv")).ToHaveAttributeAsync("href", new Regex($"/v1/components/{merged}/members\\?format=csv$"));
    }

    /// <summary>A reason as the queue lists it.</summary>
    private static string Describe(JsonElement reason)
    {
        var value = reason.GetProperty("weight").GetDouble();
        var weight = $" {(value < 0 ? "\u2212" : "+")}{Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture)}";
        var feature = reason.GetProperty("feature").GetString();
        return reason.TryGetProperty("entity", out var entity) && entity.ValueKind == JsonValueKind.String
            ? $"{feature} ({entity.GetString()}){weight}"
            : $"{feature}{weight}";
    }
}
