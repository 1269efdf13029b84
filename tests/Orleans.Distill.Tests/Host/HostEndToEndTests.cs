using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.Distill.Tests.Host;

/// <summary>The real host process over HTTP on a loopback port, with its SQLite file.</summary>
public sealed class HostEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-e2e");

    public void Dispose() => _folder.Dispose();

    private const string Walkthrough = """
        {"type":"signup","account":"alice","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7","id":"e1"}
        {"type":"payment","account":"alice","at":"2026-04-22T10:01:00Z","instrument":"tok_visa_4242","id":"e2"}
        {"type":"signup","account":"bob","at":"2026-04-22T10:02:00Z","ip":"198.51.100.23","id":"e3"}
        {"type":"payment","account":"bob","at":"2026-04-22T10:03:00Z","instrument":"tok_visa_4242","id":"e4"}
        {"type":"signup","account":"carol","at":"2026-04-22T10:04:00Z","ip":"192.0.2.9","id":"e5"}
        {"type":"payment","account":"mallory","at":"2026-04-22T10:05:00Z","instrument":"4111 1111 1111 1111"}
        {"type":"usage","account":"carol","at":"not-a-time","requests":3}
        """;

    [Fact]
    public async Task Walkthrough_SharedCardJoinsAccounts_AndSurvivesKill9()
    {
        string component;
        await using (var host = await HostProcess.StartAsync(_folder.Path))
        {
            using var response = await host.Http.PostAsync("/v1/events", new StringContent(Walkthrough, Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ingest = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(5, ingest.GetProperty("accepted").GetInt32());
            var rejected = ingest.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("error").GetString()!)).ToList();
            Assert.Equal([6, 7], rejected.Select(r => r.Item1));
            Assert.StartsWith("instrument:", rejected[0].Item2);
            Assert.DoesNotContain("4111", rejected[0].Item2);
            Assert.StartsWith("at:", rejected[1].Item2);

            // Read-your-writes: the merge is visible as soon as the POST returns.
            var alice = await host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/alice");
            var bob = await host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/bob");
            var carol = await host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/carol");
            component = alice.GetProperty("component").GetString()!;
            Assert.Equal(component, bob.GetProperty("component").GetString());
            Assert.NotEqual(component, carol.GetProperty("component").GetString());
            Assert.Contains(alice.GetProperty("links").EnumerateArray(), l =>
                l.GetProperty("kind").GetString() == "ip_range" && l.GetProperty("entity").GetString() == "203.0.113.0/24" && !l.GetProperty("hub").GetBoolean());

            await AssertComponentAsync(host, component);
            using var label = await host.Http.PostAsJsonAsync("/v1/accounts/bob/label", new { verdict = "fraud", who = "ana", why = "card farm" });
            Assert.Equal(HttpStatusCode.OK, label.StatusCode);

            // Killed without any chance to flush: everything acknowledged is on disk.
            await host.KillAsync();
        }

        await using (var restarted = await HostProcess.StartAsync(_folder.Path))
        {
            var bob = await restarted.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/bob");
            Assert.Equal(component, bob.GetProperty("component").GetString());

            // The audit log is in storage too.
            var audit = await restarted.Http.GetFromJsonAsync<JsonElement>("/v1/audit");
            var entry = Assert.Single(audit.EnumerateArray());
            Assert.Equal(("ana", "label_account:fraud", "bob", "card farm", "ok"),
                (entry.GetProperty("who").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString(),
                 entry.GetProperty("why").GetString(), entry.GetProperty("result").GetString()));
            await AssertComponentAsync(restarted, component);

            // Re-sending the whole walkthrough after the restart changes nothing.
            using var again = await restarted.Http.PostAsync("/v1/events", new StringContent(Walkthrough, Encoding.UTF8, "application/x-ndjson"));
            var ingest = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(5, ingest.GetProperty("duplicates").GetInt32());
            await AssertComponentAsync(restarted, component);
        }
    }

    [Fact]
    public async Task BadRequests_GetClearErrors_AndChangeNothing()
    {
        await using var host = await HostProcess.StartAsync(_folder.Path, "--Distill:Ingest:MaxBodyBytes=2048", "--storage", "memory");

        using var notJson = await host.Http.PostAsync("/v1/events", new StringContent("hello", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("NDJSON", (await notJson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var big = string.Join('\n', Enumerable.Range(0, 40).Select(i => $$"""{"type":"payment","account":"big{{i}}","at":"2026-04-22T10:00:00Z","instrument":"tok"}"""));
        using var tooLarge = await host.Http.PostAsync("/v1/events", new StringContent(big, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("body", (await tooLarge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/v1/accounts/big0")).StatusCode);

        var array = """[{"type":"payment","account":"arr1","at":"2026-04-22T10:00:00Z","instrument":"tok_arr"},{"type":"payment","account":"arr2","at":"2026-04-22T10:00:00Z","instrument":"tok_arr"}]""";
        using var arrayResponse = await host.Http.PostAsync("/v1/events", new StringContent(array, Encoding.UTF8, "application/json"));
        Assert.Equal(2, (await arrayResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());

        var notFound = await host.Http.GetAsync("/v1/accounts/nobody");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("nobody", (await notFound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/v1/components/c-0000000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/v1/components?top=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/v1/components?top=5&by=colour")).StatusCode);

        var top = await host.Http.GetFromJsonAsync<JsonElement>("/v1/components?top=5&by=size");
        var first = top.EnumerateArray().First();
        Assert.Equal(2, first.GetProperty("accounts").GetInt32());
        Assert.Equal(1, first.GetProperty("entities").GetInt32());
        Assert.Equal("allow", first.GetProperty("decision").GetString());
    }

    private static async Task AssertComponentAsync(HostProcess host, string component)
    {
        var view = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/components/{component}");
        Assert.Equal(component, view.GetProperty("id").GetString());
        Assert.Equal(2, view.GetProperty("accounts").GetInt32());
        Assert.Equal(3, view.GetProperty("entities").GetInt32());
        Assert.Equal(["alice", "bob"], view.GetProperty("member_accounts").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(
            ["instrument:tok_visa_4242", "ip_range:198.51.100.0/24", "ip_range:203.0.113.0/24"],
            view.GetProperty("member_entities").EnumerateArray().Select(e => $"{e.GetProperty("kind").GetString()}:{e.GetProperty("entity").GetString()}"));

        var top = await host.Http.GetFromJsonAsync<JsonElement>("/v1/components?top=10&by=size");
        var listed = Assert.Single(top.EnumerateArray());
        Assert.Equal(component, listed.GetProperty("id").GetString());
    }
}
