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

/// <summary>A flagged hub opens from the queue: where its accounts sit, and a benign mark with a note.</summary>
public sealed class HubTests(LowHubThresholdHost host, Browser browser) : IClassFixture<LowHubThresholdHost>, IClassFixture<Browser>
{
    [Fact]
    public async Task AFlaggedHub_ShowsItsAccountsComponents()
    {
        // Eight lockstep accounts on one device, in two pairs and four loners by their cards: the device is a hub.
        var events = Scenarios.Ring("hb-", 8, device: "hb-dev", template: "hb-tpl", card: "hb-tok").ToList();
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
        await page.GotoAsync($"{host.BaseUrl}/console/signin");
        await page.FillAsync("#key", host.Keys["ana"]);
        await page.ClickAsync("button[type=submit]");
        await page.ClickAsync($"#queue tbody tr[data-id='{hub}'] a.item-id");
        await Expect(page.Locator("#hub-value")).ToHaveTextAsync("hb-dev");
        await Expect(page.Locator("#accounts li")).ToHaveCountAsync(8);
        var components = page.Locator("#components tbody tr");
        await Expect(components.First).ToBeVisibleAsync();
        var shares = await page.Locator("#components tbody td.num").AllTextContentsAsync();
        Assert.Equal(8, shares.Sum(int.Parse));

        await page.FillAsync("#note", "the office's shared laptop");
        await page.ClickAsync("#benign");
        await Expect(page.Locator("#message")).ToContainTextAsync("marked benign");
        await Expect(page.Locator("#summary")).ToContainTextAsync("marked benign");
        Assert.Empty(watch.Problems);
    }
}
