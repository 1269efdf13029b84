using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
        await fixture.PayWithOneCardAsync("shared", 25, "tok_shared25");

        const string mark = """{"kind":"instrument","entity":"tok_shared25","why":"the office card"}""";
        using (var first = await SendAsync(HttpMethod.Post, "/v1/entities/benign", mark, "analyst"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Contains("another analyst", await first.Content.ReadAsStringAsync());
        }

        Assert.False(await fixture.IsBenignAsync("shared0", "tok_shared25"));
        using (var again = await SendAsync(HttpMethod.Post, "/v1/entities/benign", mark, "analyst"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("other than 'analyst-key'", await again.Content.ReadAsStringAsync());
        }

        Assert.False(await fixture.IsBenignAsync("shared0", "tok_shared25"));
        using (var second = await SendAsync(HttpMethod.Post, "/v1/entities/benign", mark, "admin"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        Assert.True(await fixture.IsBenignAsync("shared0", "tok_shared25"));

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

    /// <summary>
    /// At the threshold, not above it (20 accounts by default), one analyst's mark takes effect at once, and the audit
    /// log says so.
    /// </summary>
    [Fact]
    public async Task ABenignMarkOnACardSharedByAsManyAccountsAsTheThreshold_AppliesAtOnce()
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        await fixture.PayWithOneCardAsync("twenty", 20, "tok_shared20");

        using (var mark = await SendAsync(HttpMethod.Post, "/v1/entities/benign", """{"kind":"instrument","entity":"tok_shared20","why":"the family card"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.OK, mark.StatusCode);
        }

        Assert.True(await fixture.IsBenignAsync("twenty0", "tok_shared20"));
        using var audit = await SendAsync(HttpMethod.Get, $"/v1/audit?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}", null, "admin");
        var results = (await audit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == "instrument:tok_shared20")
            .Select(e => (e.GetProperty("who").GetString(), e.GetProperty("result").GetString()));
        Assert.Equal([("analyst-key", "ok")], results);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string role, string mediaType = "application/json") =>
        fixture.SendAsync(method, path, body, role, mediaType);
}
