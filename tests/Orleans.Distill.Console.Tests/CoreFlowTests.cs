using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// The analyst's core flow in a real browser on the real host: sign in, find the ring at the top of the queue, claim
/// it, open its evidence, trace a path, label it fraud with a note, and find the decision and the action on record.
/// </summary>
public sealed class CoreFlowTests(ConsoleHost host, Browser browser) : IClassFixture<ConsoleHost>, IClassFixture<Browser>
{
    private const string Note = "one device and two cards across eight lockstep coding accounts";
    private const string MemberNote = "checked one by one before the whole ring";

    [Fact]
    public async Task Analyst_ClaimsOpensAndLabelsTheRing_TheFamilyStaysAllowed()
    {
        await host.IngestAsync(Scenarios.RingAndFamily("cf-"));
        var ring = await host.WaitQueuedAsync("cf-ring0");
        var ringAccounts = Enumerable.Range(0, 8).Select(i => $"cf-ring{i}").ToList();

        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();

        // Sign in with the analyst's own key.
        await page.GotoAsync($"{host.BaseUrl}/console/");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/signin");
        await page.FillAsync("#key", host.Keys["ana"]);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/");
        await Expect(page.Locator("#who")).ToContainTextAsync("ana (analyst)");
        var session = (await context.CookiesAsync()).Single(c => c.Name == "distill_console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        // The ring is at the top of the queue; claim it from the keyboard.
        var first = page.Locator("#queue tbody tr").First;
        await Expect(first).ToHaveAttributeAsync("data-id", ring);
        await Expect(first.Locator("[data-decision]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("review|deny"));
        await page.Keyboard.PressAsync("c");
        await Expect(first.Locator("td.claimed")).ToHaveTextAsync("ana");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Artifacts, "queue.png"), FullPage = true });

        // Open it: the graph holds the ring's accounts and identifiers.
        await page.Keyboard.PressAsync("o");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/component.html?id={ring}");
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        var graphml = XDocument.Parse(await GraphMLAsync(ring));
        var expectedNodes = graphml.Descendants().Count(e => e.Name.LocalName == "node");
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-nodes", expectedNodes.ToString());
        var drawnAccounts = await page.Locator("#path-from option").AllTextContentsAsync();
        Assert.Equal(ringAccounts, drawnAccounts.Order(StringComparer.Ordinal));
        await Expect(page.Locator("#claimed-by")).ToHaveTextAsync("claimed by ana");

        // Highlight the path between two chosen accounts.
        await page.SelectOptionAsync("#path-from", "cf-ring0");
        await page.SelectOptionAsync("#path-to", "cf-ring7");
        await page.ClickAsync("#path");
        await Expect(page.Locator("#path-steps li").First).ToHaveTextAsync("cf-ring0");
        await Expect(page.Locator("#path-steps li").Last).ToHaveTextAsync("cf-ring7");
        await Expect(page.Locator("#message")).ToContainTextAsync("hops from cf-ring0 to cf-ring7");
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(8);

        // Each kind of node is drawn in the colour its legend swatch shows, accounts round and identifiers square.
        var nodes = await GraphProbe.NodesAsync(page);
        Assert.Equal(["account", "device", "instrument", "ip_range", "template"], nodes.Select(n => n.Kind).Distinct().Order(StringComparer.Ordinal));
        var swatches = new Dictionary<string, string>();
        foreach (var kind in nodes.Select(n => n.Kind).Distinct())
        {
            swatches[kind] = (await page.Locator($"#legend .swatch.{kind}").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")).Replace(" ", "");
        }

        Assert.Equal(swatches.Count, swatches.Values.Distinct().Count());
        Assert.All(nodes, n => Assert.Equal((swatches[n.Kind], n.Kind == "account" ? "ellipse" : "round-rectangle"), (n.Color, n.Shape)));

        // A link's details: when it was first and last seen, and how often.
        await GraphProbe.TapAsync(page, "e:account:cf-ring0|device:dev_ring");
        await Expect(page.Locator("#details dt")).ToHaveTextAsync(["link", "first seen", "last seen", "count", "glues"]);
        await Expect(page.Locator("#details dd")).ToHaveTextAsync(["cf-ring0 – dev_ring", "2026-04-20 10:00:00 UTC", "2026-04-20 10:00:00 UTC", "1", "yes"]);

        // Members sort by the column whose header is clicked, and the other way round on a second click.
        var memberColumn = page.Locator("#members tbody td.account");
        await page.ClickAsync("#members th[data-key=signup_at] button");
        await Expect(memberColumn).ToHaveTextAsync(new[] { 0, 3, 6, 1, 4, 7, 2, 5 }.Select(i => $"cf-ring{i}").ToArray());
        await Expect(page.Locator("#members th[data-key=signup_at]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await page.ClickAsync("#members th[data-key=account] button");
        await Expect(memberColumn).ToHaveTextAsync(ringAccounts.ToArray());
        await page.ClickAsync("#members th[data-key=account] button");
        await Expect(memberColumn).ToHaveTextAsync(ringAccounts.AsEnumerable().Reverse().ToArray());
        await Expect(page.Locator("#members th[data-key=account]")).ToHaveAttributeAsync("aria-sort", "descending");

        // Reasons as bars (read before any label changes them); the timeline: three signed up on each of the 20th and 21st, two on the 22nd, when all eight sent traffic.
        await Expect(page.Locator("#reasons .bar-row")).ToHaveCountAsync(await ReasonCountAsync(ring));
        await Expect(page.Locator("#timeline .tl-count")).ToHaveTextAsync(["3/0", "3/0", "2/8"]);

        // Two members labelled at once: one audit entry for each, with its time.
        await page.CheckAsync("#members tbody tr[data-account='cf-ring1'] input.pick");
        await page.CheckAsync("#members tbody tr[data-account='cf-ring2'] input.pick");
        await page.FillAsync("#note", MemberNote);
        await page.ClickAsync("#members-fraud");
        await Expect(page.Locator("#message")).ToHaveTextAsync("2 accounts labelled fraud.");
        var accountLabels = page.Locator("#audit tbody tr", new() { Has = page.Locator("td.what", new() { HasTextString = "label_account:fraud" }) });
        await Expect(accountLabels).ToHaveCountAsync(2);
        await Expect(accountLabels.Locator("td.why")).ToHaveTextAsync([MemberNote, MemberNote]);
        var recorded = (await host.GetAsync($"/v1/components/{ring}/audit", "ben")).EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "label_account:fraud")
            .ToDictionary(e => e.GetProperty("target").GetString()!, e => e.GetProperty("at").GetDateTime());
        Assert.Equal(["cf-ring1", "cf-ring2"], recorded.Keys.Order(StringComparer.Ordinal));
        foreach (var (account, at) in recorded)
        {
            var row = accountLabels.Filter(new() { Has = page.Locator("td.target", new() { HasTextString = account }) });
            await Expect(row.Locator("td.when")).ToHaveTextAsync(at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            await Expect(page.Locator($"#members tbody tr[data-account='{account}'] td.label")).ToHaveTextAsync("fraud");
        }

        // Label the ring fraud with a note: every member turns deny, and the action is on record under ana's key.
        await page.Keyboard.PressAsync("n");
        await page.Keyboard.TypeAsync(Note);
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("f");
        await Expect(page.Locator("#message")).ToContainTextAsync("Labelled fraud: 8 accounts");
        await Expect(page.Locator("#members tbody [data-decision=deny]")).ToHaveCountAsync(8);
        await Expect(page.Locator("#verdict [data-decision]")).ToHaveTextAsync("deny");
        var labelled = page.Locator("#audit tbody tr", new() { Has = page.Locator("td.what", new() { HasTextString = "label_component:fraud" }) });
        await Expect(labelled).ToHaveCountAsync(1);
        await Expect(labelled.Locator("td.who")).ToHaveTextAsync("ana");
        await Expect(labelled.Locator("td.why")).ToHaveTextAsync(Note);
        await page.Locator("#graph-stats").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Artifacts, "evidence.png"), FullPage = true });

        // The API agrees; the family is untouched.
        foreach (var account in ringAccounts)
        {
            var view = await host.GetAsync($"/v1/accounts/{account}", "ben");
            Assert.Equal("deny", view.GetProperty("decision").GetString());
            Assert.Equal("fraud", view.GetProperty("label").GetString());
        }

        foreach (var account in new[] { "cf-fam0", "cf-fam1", "cf-fam2" })
        {
            Assert.Equal("allow", (await host.GetAsync($"/v1/accounts/{account}", "ben")).GetProperty("decision").GetString());
        }

        var audit = await host.GetAsync("/v1/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("who").GetString() == "ana" && e.GetProperty("action").GetString() == "label_component:fraud"
            && e.GetProperty("target").GetString() == ring && e.GetProperty("why").GetString() == Note);

        // Decided, the ring leaves the queue.
        await page.ClickAsync("header#bar a[href='/console/']");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/");
        await Expect(page.Locator("body[data-ready=true] #queue")).ToBeVisibleAsync();
        await Expect(page.Locator($"#queue tbody tr[data-id='{ring}']")).ToHaveCountAsync(0);

        // The status page: the one silo, how fast events were applied, detection's backlog and memory.
        await page.ClickAsync("header#bar a[href='/console/status.html']");
        await Expect(page.Locator("#silos tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#silos tbody td").Nth(1)).ToHaveTextAsync("active");
        await Expect(page.Locator("#ingest-rate .figure")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d$"));
        await Expect(page.Locator("#rebuild-backlog .figure")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await Expect(page.Locator("#working-set .figure")).ToContainTextAsync("MiB");
        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task AnAllowedTeam_ShowsWhatRaisedItsScore_AndWhatOffsetIt()
    {
        await host.IngestAsync(Scenarios.TeamInOneOffice("cf-"));
        await host.WaitSettledAsync();
        var team = await host.ComponentOfAsync("cf-team0");
        var view = await host.GetAsync($"/v1/components/{team}", "ben");
        Assert.Equal("allow", view.GetProperty("decision").GetString());
        var reasons = view.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(["co_located"], reasons.Where(r => r.GetProperty("weight").GetDouble() < 0).Select(r => r.GetProperty("feature").GetString()));

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ana");
        await page.GotoAsync($"{host.BaseUrl}/console/component.html?id={team}");

        // Lockstep coding traffic raised the score; a small team in an office of its own lowered it: that bar comes last, signed.
        await Expect(page.Locator("#reasons .bar-row")).ToHaveCountAsync(reasons.Count);
        var lowered = page.Locator("#reasons .bar-row.lowered");
        await Expect(lowered).ToHaveCountAsync(1);
        await Expect(page.Locator("#reasons .bar-row").Last).ToHaveClassAsync("bar-row lowered");
        await Expect(lowered.Locator(".bar-label")).ToHaveTextAsync("co_located · 192.0.2.0/24");
        await Expect(lowered.Locator(".bar-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\u2212\\d+\\.\\d\\d \\(value 1\\)$"));
        await Expect(page.Locator("#reasons .bar-row").First.Locator(".bar-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\+"));
    }

    private async Task<int> ReasonCountAsync(string component) =>
        (await host.GetAsync($"/v1/components/{component}", "ben")).GetProperty("reasons").GetArrayLength();

    private async Task<string> GraphMLAsync(string component)
    {
        using var client = host.As("ben");
        return await client.GetStringAsync($"/v1/components/{component}/graph?format=graphml");
    }
}
