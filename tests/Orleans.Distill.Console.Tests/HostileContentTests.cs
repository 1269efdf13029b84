using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// Fraudsters choose the strings the console shows. Identifiers, notes and names that are script and HTML payloads
/// are shown on every page as text, and nothing in them runs: no dialog, no global set, no policy violation.
/// </summary>
public sealed class HostileContentTests(ConsoleHost host, Browser browser) : IClassFixture<ConsoleHost>, IClassFixture<Browser>
{
    // Each payload would set window.__xss or open a dialog if it were ever parsed as markup or script.
    private const string Device = "<script>window.__xss='device';alert('device')</script>";
    private const string Template = "<img src=x onerror=\"window.__xss='template';alert('template')\">";
    private const string Card = "\"><svg onload=\"window.__xss='card';alert('card')\">";
    private const string Note = "</td><img src=x onerror=\"window.__xss='note';alert('note')\">";
    private const string OnBehalfOf = "<iframe srcdoc=\"<script>parent.__xss='who'</script>\">";
    private const string Search = "'\"><script>window.__xss='search'</script>";

    [Fact]
    public async Task ScriptPayloads_AreShownAsText_AndNothingRuns()
    {
        var events = Scenarios.Ring("hx-", 8, device: Device, template: Template, card: Card).ToList();
        // An email is kept as a keyed hash of the address and its domain in clear, so the payload is in the domain.
        // Neither the API nor the console shows emails today; this keeps a hostile one in the data should they start.
        events.Add(new { type = "signup", account = "hx-mail", at = "2026-04-22T12:00:00Z", ip = "192.0.2.9", email = "hx@\"><img src=x onerror=alert('email')>.evil.test", id = "hx-email" });
        await host.IngestAsync(Scenarios.Lines(events));
        var ring = await host.WaitQueuedAsync("hx-ring0");
        using (var ben = host.As("ben"))
        {
            using var labelled = await ben.PostAsync("/v1/accounts/hx-ring1/label", JsonContent(new { verdict = "fraud", why = Note, who = OnBehalfOf }));
            labelled.EnsureSuccessStatusCode();
            using var claimed = await ben.PostAsync("/v1/claims", JsonContent(new { item = ring }));
            claimed.EnsureSuccessStatusCode();
        }

        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ana");

        // The queue lists the ring, claimed by ben, with its top reasons.
        await Expect(page.Locator($"#queue tbody tr[data-id='{ring}'] td.claimed")).ToHaveTextAsync("ben");

        // The evidence page, focused on each payload node so that its details are shown, and a path through them.
        foreach (var focus in new[] { $"device:{Device}", $"template:{Template}", $"instrument:{Card}_0" })
        {
            await page.GotoAsync($"{host.BaseUrl}/console/component.html?id={ring}&focus={Uri.EscapeDataString(focus)}");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
            await Expect(page.Locator("#details dd").Nth(1)).ToHaveTextAsync(focus[(focus.IndexOf(':') + 1)..]);
        }

        await page.SelectOptionAsync("#path-from", "hx-ring0");
        await page.SelectOptionAsync("#path-to", "hx-ring3");
        await page.ClickAsync("#path");
        await Expect(page.Locator("#path-steps li.step-entity").First).ToContainTextAsync("<");
        await Expect(page.Locator("#reasons")).ToContainTextAsync(Device);
        var audit = page.Locator("#audit tbody tr", new() { Has = page.Locator("td.what", new() { HasTextString = "label_account:fraud" }) });
        await Expect(audit.Locator("td.why")).ToHaveTextAsync(Note);
        await Expect(audit.Locator("td.who")).ToHaveTextAsync($"ben (for {OnBehalfOf})");

        // Expanding a payload node asks the API about it by its value.
        await page.GotoAsync($"{host.BaseUrl}/console/component.html?id={ring}&focus={Uri.EscapeDataString($"device:{Device}")}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await page.ClickAsync("#expand");
        await Expect(page.Locator("#message")).ToContainTextAsync($"next to {Device}");

        // Search for a payload: it is echoed as text, and a payload that is a stored value lands on its component.
        await page.FillAsync("#search", Search);
        await page.PressAsync("#search", "Enter");
        await Expect(page.Locator("#message")).ToHaveTextAsync($"Nothing holds \"{Search}\".");
        await page.FillAsync("#search", Template);
        await page.PressAsync("#search", "Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"component\\.html\\?id={ring}&focus=template%3A"));
        await Expect(page.Locator("#details dd").Nth(1)).ToHaveTextAsync(Template);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        // The hub page, opened on a payload (none of these is a hub, but the page takes any identifier's key): it is
        // shown as the value, beside the accounts that share it.
        foreach (var (kind, value, accounts) in new[] { ("device", Device, 8), ("template", Template, 8), ("instrument", $"{Card}_0", 4) })
        {
            await page.GotoAsync($"{host.BaseUrl}/console/hub.html?key={Uri.EscapeDataString($"{kind}:{value}")}");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
            await Expect(page.Locator("#hub-value")).ToHaveTextAsync(value);
            await Expect(page.Locator("#summary h1")).ToHaveTextAsync($"Hub: {kind} {value}");
            await Expect(page.Locator("#accounts li")).ToHaveCountAsync(accounts);
            Assert.Equal($"{kind}:{value} · Orleans.Distill console", await page.TitleAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        }

        await page.GotoAsync($"{host.BaseUrl}/console/status.html");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

        foreach (var open in context.Pages)
        {
            Assert.Equal("undefined", await open.EvaluateAsync<string>("() => typeof window.__xss"));
        }

        Assert.Empty(watch.Problems);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
