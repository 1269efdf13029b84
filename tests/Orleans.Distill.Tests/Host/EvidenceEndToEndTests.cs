using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Orleans.Distill.Cli.Load;
using Orleans.Distill.Graph;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Host;

/// <summary>Path, graph export and features over real HTTP, against the host process.</summary>
public sealed class EvidenceEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-evidence");

    public void Dispose() => _folder.Dispose();

    // alice and bob share a card, bob and carol a device; dave is on his own.
    private const string Events = """
        {"type":"signup","account":"alice","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7","id":"e1"}
        {"type":"payment","account":"alice","at":"2026-04-22T10:01:00Z","instrument":"tok_1","id":"e2"}
        {"type":"payment","account":"bob","at":"2026-04-22T10:03:00Z","instrument":"tok_1","id":"e3"}
        {"type":"signup","account":"bob","at":"2026-04-22T10:02:00Z","ip":"198.51.100.23","device":"dev_9","id":"e4"}
        {"type":"signup","account":"carol","at":"2026-04-22T10:04:00Z","ip":"192.0.2.9","device":"dev_9","id":"e5"}
        {"type":"signup","account":"dave","at":"2026-04-22T10:05:00Z","ip":"198.18.0.1","id":"e6"}
        """;

    [Fact]
    public async Task PathGraphAndFeatures_ExplainWhyAccountsAreTogether()
    {
        await using var host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory");
        using var posted = await host.Http.PostAsync("/v1/events", new StringContent(Events, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(6, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var component = (await host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/alice")).GetProperty("component").GetString()!;

        var path = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/components/{component}/path?from=alice&to=carol");
        Assert.Equal(component, path.GetProperty("component").GetString());
        Assert.Equal(2, path.GetProperty("hops").GetInt32());
        var steps = path.GetProperty("path").EnumerateArray().ToList();
        Assert.Equal(["alice", "instrument:tok_1", "bob", "device:dev_9", "carol"], steps.Select(Describe));
        var card = steps[1];
        Assert.False(card.GetProperty("hub").GetBoolean());
        Assert.Equal("alice", card.GetProperty("from_link").GetProperty("account").GetString());
        Assert.Equal(new DateTime(2026, 4, 22, 10, 1, 0, DateTimeKind.Utc), card.GetProperty("from_link").GetProperty("first_seen").GetDateTime().ToUniversalTime());
        Assert.Equal("bob", card.GetProperty("to_link").GetProperty("account").GetString());
        Assert.Equal(1, card.GetProperty("to_link").GetProperty("count").GetInt64());
        Assert.Equal(new DateTime(2026, 4, 22, 10, 3, 0, DateTimeKind.Utc), card.GetProperty("first_seen").GetDateTime().ToUniversalTime());

        await AssertErrorAsync(host, $"/v1/components/{component}/path?to=carol", HttpStatusCode.BadRequest, "from");
        await AssertErrorAsync(host, $"/v1/components/{component}/path?from=alice&to=bad/id", HttpStatusCode.BadRequest, "to");
        await AssertErrorAsync(host, $"/v1/components/{component}/path?from=alice&to=dave", HttpStatusCode.NotFound, "dave");
        await AssertErrorAsync(host, $"/v1/components/{component}/path?from=nobody&to=alice", HttpStatusCode.NotFound, "nobody");
        await AssertErrorAsync(host, "/v1/components/c-0000000000000000/path?from=alice&to=bob", HttpStatusCode.NotFound, "c-0000000000000000");

        using var graphml = await host.Http.GetAsync($"/v1/components/{component}/graph?format=graphml");
        Assert.Equal(HttpStatusCode.OK, graphml.StatusCode);
        Assert.Equal("application/graphml+xml", graphml.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await graphml.Content.ReadAsStringAsync());
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        // Three accounts, the card, the device and three /24s; each account links to its /24 and its card or device.
        Assert.Equal(8, xml.Descendants(ns + "node").Count());
        Assert.Equal(7, xml.Descendants(ns + "edge").Count());

        using var dot = await host.Http.GetAsync($"/v1/components/{component}/graph?format=dot");
        Assert.Equal("text/vnd.graphviz", dot.Content.Headers.ContentType!.MediaType);
        var text = await dot.Content.ReadAsStringAsync();
        Assert.StartsWith($"graph \"{component}\"", text);
        Assert.Contains("\"account:carol\" -- \"device:dev_9\"", text);
        Assert.DoesNotContain("dave", text);

        await AssertErrorAsync(host, $"/v1/components/{component}/graph?format=svg", HttpStatusCode.BadRequest, "format");

        // What the component is scored on: one piece, whose three accounts are one core by the card and the device.
        Assert.True((await Rescoring.WaitAsync(host.Http, TimeSpan.FromMinutes(1), CancellationToken.None)).CaughtUp);
        var measured = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/components/{component}/features");
        Assert.Equal(component, measured.GetProperty("component").GetString());
        var names = measured.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Equal(FeatureNames.Measured, names);
        var piece = Assert.Single(measured.GetProperty("pieces").EnumerateArray());
        var core = Assert.Single(piece.GetProperty("cores").EnumerateArray());
        foreach (var group in new[] { piece.GetProperty("group"), core })
        {
            Assert.Equal(["alice", "bob", "carol"], group.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(names, group.GetProperty("features").EnumerateObject().Select(f => f.Name));
            var shared = group.GetProperty("features").GetProperty("shared_instrument_accounts");
            Assert.Equal((2, 1, "tok_1"), (shared.GetProperty("value").GetDouble(), shared.GetProperty("factor").GetDouble(), shared.GetProperty("entity").GetString()));
            Assert.Equal(3, group.GetProperty("features").GetProperty("accounts").GetProperty("value").GetDouble());
        }

        // Measured as the host scores it: the piece's score is the component's.
        var scored = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/components/{component}");
        Assert.Equal(scored.GetProperty("score").GetDouble(), piece.GetProperty("group").GetProperty("score").GetDouble());
        Assert.Equal(scored.GetProperty("decision").GetString(), piece.GetProperty("group").GetProperty("decision").GetString());
        await AssertErrorAsync(host, "/v1/components/c-0000000000000000/features", HttpStatusCode.NotFound, "c-0000000000000000");

        // A component whose id happens to read as a card number (c- and sixteen decimal digits, an issuer's prefix,
        // a valid Luhn digit) is still the host's own and answers: here an account's first component, named by hash.
        var lone = Enumerable.Range(0, 10_000_000).Select(i => $"lone{i}").First(a => CardNumberDetector.ContainsCardNumber(ComponentId.HomeOf(NodeKey.Account(a))));
        using var signup = await host.Http.PostAsync("/v1/events", new StringContent(
            $$"""{"type":"signup","account":"{{lone}}","at":"2026-04-22T12:00:00Z","ip":"198.18.9.1","id":"e8"}""", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, signup.StatusCode);
        var home = (await host.Http.GetFromJsonAsync<JsonElement>($"/v1/accounts/{lone}")).GetProperty("component").GetString()!;
        Assert.Equal(ComponentId.HomeOf(NodeKey.Account(lone)), home);
        foreach (var call in new[] { "", "/features", "/members" })
        {
            using var answer = await host.Http.GetAsync($"/v1/components/{home}{call}");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{call}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        // dave joins through the card: asked by either old id, the answer is for the component they became.
        var daves = (await host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/dave")).GetProperty("component").GetString()!;
        using var joined = await host.Http.PostAsync("/v1/events", new StringContent(
            """{"type":"payment","account":"dave","at":"2026-04-22T11:00:00Z","instrument":"tok_1","id":"e7"}""", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        var merged = (await host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/dave")).GetProperty("component").GetString()!;
        foreach (var asked in new[] { component, daves })
        {
            var answer = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/components/{asked}/path?from=dave&to=alice");
            Assert.Equal(merged, answer.GetProperty("component").GetString());
            Assert.Equal(["dave", "instrument:tok_1", "alice"], answer.GetProperty("path").EnumerateArray().Select(Describe));
            Assert.Equal(asked == merged ? null : asked, answer.TryGetProperty("resolved_from", out var from) ? from.GetString() : null);
        }
    }

    private static string Describe(JsonElement step) =>
        step.TryGetProperty("account", out var account) ? account.GetString()! : $"{step.GetProperty("kind").GetString()}:{step.GetProperty("entity").GetString()}";

    private static async Task AssertErrorAsync(HostProcess host, string uri, HttpStatusCode status, string mentions)
    {
        using var response = await host.Http.GetAsync(uri);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(mentions, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
