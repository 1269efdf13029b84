using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>
/// No quiet whitelisting: a benign mark on an identifier many accounts share waits for a second analyst, and both
/// the request and the approval are in the audit log, under the keys that made them.
/// </summary>
public sealed class AuditAndApprovalTests(ApiKeyHostFixture fixture) : IClassFixture<ApiKeyHostFixture>
{
    [Fact]
    public async Task ABenignMarkOnAWidelySharedCard_WaitsForASecondAnalyst_AndBothAreAudited()
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        var lines = Enumerable.Range(0, 25).Select(i => $$"""{"type":"payment","account":"shared{{i}}","at":"2026-04-22T10:00:00Z","instrument":"tok_shared25"}""");
        using (var ingest = await SendAsync(HttpMethod.Post, "/v1/events", string.Join('\n', lines), "ingest", "application/x-ndjson"))
        {
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        }

        const string mark = """{"kind":"instrument","entity":"tok_shared25","why":"the office card"}""";
        using (var first = await SendAsync(HttpMethod.Post, "/v1/entities/benign", mark, "analyst"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Contains("another analyst", await first.Content.ReadAsStringAsync());
        }

        Assert.False(await IsBenignAsync());
        using (var again = await SendAsync(HttpMethod.Post, "/v1/entities/benign", mark, "analyst"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("other than 'analyst-key'", await again.Content.ReadAsStringAsync());
        }

        Assert.False(await IsBenignAsync());
        using (var second = await SendAsync(HttpMethod.Post, "/v1/entities/benign", mark, "admin"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        Assert.True(await IsBenignAsync());

        using var audit = await SendAsync(HttpMethod.Get, $"/v1/audit?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}", null, "admin");
        var entries = (await audit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == "instrument:tok_shared25")
            .Select(e => (e.GetProperty("who").GetString(), e.GetProperty("action").GetString(), e.GetProperty("result").GetString(), e.GetProperty("why").GetString()))
            .ToList();
        Assert.Equal(
        [
            ("analyst-key", "mark_entity_benign", "pending_approval", "the office card"),
            ("analyst-key", "mark_entity_benign", "awaiting_another_analyst", "the office card"),
            ("admin-key", "mark_entity_benign", "approved the request of analyst-key", "the office card"),
        ], entries);
    }

    [Fact]
    public async Task TheAuditLog_RefusesABadOrTooLongSpan_NamingTheField()
    {
        using var bad = await SendAsync(HttpMethod.Get, "/v1/audit?since=yesterday", null, "admin");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("since", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        using var longSpan = await SendAsync(HttpMethod.Get, "/v1/audit?since=2026-01-01T00:00:00Z&until=2026-06-01T00:00:00Z", null, "admin");
        Assert.Equal(HttpStatusCode.BadRequest, longSpan.StatusCode);
    }

    private async Task<bool> IsBenignAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/accounts/shared0", null, "analyst");
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        return account.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("entity").GetString() == "tok_shared25").GetProperty("benign").GetBoolean();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string role, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Keys[role]);
        return await fixture.Host.Http.SendAsync(request);
    }
}
