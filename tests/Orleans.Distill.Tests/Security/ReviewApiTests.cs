using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.Distill.Tests.Security;

/// <summary>
/// The endpoints the analyst console calls, over real HTTP with keys: who may call them, claims, search, members as
/// CSV, a component's audit, and the console's cookie, which must carry an antiforgery token to change anything.
/// </summary>
public sealed class ReviewApiTests(ApiKeyHostFixture fixture) : IClassFixture<ApiKeyHostFixture>
{
    [Theory]
    [InlineData("GET", "/v1/queue")]
    [InlineData("GET", "/v1/claims")]
    [InlineData("POST", "/v1/claims")]
    [InlineData("POST", "/v1/claims/release")]
    [InlineData("POST", "/v1/search")]
    [InlineData("GET", "/v1/components/c-0000000000000000/members")]
    [InlineData("GET", "/v1/components/c-0000000000000000/audit")]
    [InlineData("GET", "/v1/status/cluster")]
    public async Task ReviewEndpoints_NeedAnAnalystOrAdminKey(string method, string path)
    {
        foreach (var role in new[] { "ingest", "risk" })
        {
            using var refused = await SendAsync(new HttpMethod(method), path, "{}", role);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var anonymous = await SendAsync(new HttpMethod(method), path, "{}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Claims_FirstClaimWins_OnlyTheClaimantOrAnAdminReleases_AndAllIsAudited()
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        var item = $"c-{Guid.NewGuid():N}"[..18];
        using (var claimed = await SendAsync(HttpMethod.Post, "/v1/claims", Item(item), "analyst"))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
            Assert.Equal("analyst-key", (await claimed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("who").GetString());
        }

        using (var taken = await SendAsync(HttpMethod.Post, "/v1/claims", Item(item), "admin"))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
            Assert.Equal("analyst-key", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("claim").GetProperty("who").GetString());
        }

        using (var listed = await SendAsync(HttpMethod.Get, "/v1/claims", null, "analyst"))
        {
            Assert.Contains((await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), c => c.GetProperty("item").GetString() == item);
        }

        using (var freed = await SendAsync(HttpMethod.Post, "/v1/claims/release", Item(item), "admin"))
        {
            Assert.Equal(HttpStatusCode.OK, freed.StatusCode);
        }

        using (var notHeld = await SendAsync(HttpMethod.Post, "/v1/claims/release", Item(item), "analyst"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notHeld.StatusCode);
        }

        using var audit = await SendAsync(HttpMethod.Get, $"/v1/audit?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}", null, "admin");
        var entries = (await audit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == item)
            .Select(e => (e.GetProperty("who").GetString(), e.GetProperty("action").GetString(), e.GetProperty("result").GetString()))
            .ToList();
        Assert.Equal(
        [
            ("analyst-key", "claim", "ok"),
            ("admin-key", "claim", "held_by analyst-key"),
            ("admin-key", "release_claim", "ok: was analyst-key's"),
            ("analyst-key", "release_claim", "not_held"),
        ], entries);
    }

    [Fact]
    public async Task SearchLandsOnTheComponent_MembersExportAsCsv_AndTheComponentAuditIsTheAnalysts()
    {
        const string events = """
            {"type":"signup","account":"rv-a","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7","device":"rv-dev","id":"rv1"}
            {"type":"payment","account":"rv-a","at":"2026-04-22T10:01:00Z","instrument":"tok_rv","id":"rv2"}
            {"type":"payment","account":"@rv-b","at":"2026-04-22T10:02:00Z","instrument":"tok_rv","id":"rv3"}
            {"type":"usage","account":"@rv-b","at":"2026-04-22T10:03:00Z","template":"rv-template","requests":3,"id":"rv4"}
            {"type":"signup","account":"rv-other","at":"2026-04-22T10:04:00Z","ip":"198.18.0.1","id":"rv5"}
            """;
        using (var ingest = await SendAsync(HttpMethod.Post, "/v1/events", events, "ingest", "application/x-ndjson"))
        {
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        }

        using var account = await SendAsync(HttpMethod.Get, "/v1/accounts/rv-a", null, "analyst");
        var component = (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("component").GetString()!;

        // Each kind of identifier lands on the component; an address folds to its /24.
        foreach (var (query, kind, value) in new[]
                 {
                     ("rv-a", "account", "rv-a"), ("203.0.113.200", "ip_range", "203.0.113.0/24"), ("tok_rv", "instrument", "tok_rv"),
                     ("rv-dev", "device", "rv-dev"), ("rv-template", "template", "rv-template"),
                 })
        {
            using var found = await SendAsync(HttpMethod.Post, "/v1/search", JsonSerializer.Serialize(new { q = query }), "analyst");
            var match = Assert.Single((await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches").EnumerateArray());
            Assert.Equal((kind, value, component), (match.GetProperty("kind").GetString(), match.GetProperty("value").GetString(), match.GetProperty("component").GetString()));
        }

        using (var narrowed = await SendAsync(HttpMethod.Post, "/v1/search", """{"q":"rv-dev","kind":"template"}""", "analyst"))
        {
            Assert.Empty((await narrowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches").EnumerateArray());
        }

        using (var card = await SendAsync(HttpMethod.Post, "/v1/search", """{"q":"4111 1111 1111 1111"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, card.StatusCode);
            Assert.DoesNotContain("4111", await card.Content.ReadAsStringAsync());
        }

        // Members as CSV: an id a spreadsheet would take for a formula is written as text.
        using (var csv = await SendAsync(HttpMethod.Get, $"/v1/components/{component}/members?format=csv", null, "analyst"))
        {
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("account,decision,score,label,signup_at,first_seen,last_seen,requests,tokens,links", lines[0]);
            Assert.Equal(["'@rv-b", "rv-a"], lines.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        }

        // An analyst reads the audit of the component: the label of a member is there, other accounts' are not.
        using (var label = await SendAsync(HttpMethod.Post, "/v1/accounts/rv-a/label", """{"verdict":"fraud","why":"rv ring"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.OK, label.StatusCode);
        }

        using (var other = await SendAsync(HttpMethod.Post, "/v1/accounts/rv-other/label", """{"verdict":"fraud","why":"unrelated"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        using var audit = await SendAsync(HttpMethod.Get, $"/v1/components/{component}/audit", null, "analyst");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var targets = (await audit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.GetProperty("target").GetString()).ToList();
        Assert.Contains("rv-a", targets);
        Assert.DoesNotContain("rv-other", targets);
    }

    [Fact]
    public async Task ConsoleCookie_ChangesNothingWithoutItsAntiforgeryToken_BearerClientsAreUnaffected()
    {
        var item = $"c-{Guid.NewGuid():N}"[..18];
        using var cookieOnly = new HttpRequestMessage(HttpMethod.Post, "/v1/claims") { Content = new StringContent(Item(item), Encoding.UTF8, "application/json") };
        cookieOnly.Headers.Add("Cookie", $"distill_console={fixture.Keys["analyst"]}");
        using (var refused = await fixture.Host.Http.SendAsync(cookieOnly))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("antiforgery", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }

        // A read with the cookie alone is fine: reads change nothing.
        using var read = new HttpRequestMessage(HttpMethod.Get, "/v1/claims");
        read.Headers.Add("Cookie", $"distill_console={fixture.Keys["analyst"]}");
        using (var answered = await fixture.Host.Http.SendAsync(read))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.DoesNotContain(item, await answered.Content.ReadAsStringAsync());
        }

        using var bearer = await SendAsync(HttpMethod.Post, "/v1/claims", Item(item), "analyst");
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    private static string Item(string item) => JsonSerializer.Serialize(new { item });

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? role, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null && method != HttpMethod.Get)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Keys[role]);
        }

        return await fixture.Host.Http.SendAsync(request);
    }
}
