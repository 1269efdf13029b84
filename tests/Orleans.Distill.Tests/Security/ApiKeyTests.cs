using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Security;

namespace Orleans.Distill.Tests.Security;

/// <summary>
/// Every endpoint against every role, over HTTP on the real host: no key or an unknown key is <c>401</c>, a key whose
/// role may not make the call is <c>403</c>, both with a JSON body saying what is missing; <c>/health</c> stays open.
/// </summary>
public sealed class ApiKeyTests(ApiKeyHostFixture fixture) : IClassFixture<ApiKeyHostFixture>
{
    private const string Component = "c-0000000000000001";

    /// <summary>Each endpoint, a body it accepts, and the roles that may call it.</summary>
    public static TheoryData<string, string, string?, string> Endpoints => new()
    {
        { "POST", "/v1/events", """{"type":"signup","account":"k1","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7"}""", "ingest admin" },
        { "GET", "/v1/accounts/k1", null, "analyst admin" },
        { "GET", $"/v1/components/{Component}", null, "analyst admin" },
        { "GET", "/v1/components?top=5", null, "analyst admin" },
        { "GET", "/v1/flagged", null, "analyst admin" },
        { "GET", "/v1/status", null, "analyst admin" },
        { "GET", $"/v1/components/{Component}/path?from=a&to=b", null, "analyst admin" },
        { "GET", $"/v1/components/{Component}/graph", null, "analyst admin" },
        { "POST", "/v1/risk/signup", """{"ip":"198.51.100.4"}""", "risk analyst admin" },
        { "POST", "/v1/risk/account", """{"account":"k1"}""", "risk analyst admin" },
        { "POST", "/v1/accounts/k1/label", """{"verdict":"fraud","who":"x","why":"y"}""", "analyst admin" },
        { "POST", $"/v1/components/{Component}/label", """{"verdict":"fraud","who":"x","why":"y"}""", "analyst admin" },
        { "POST", "/v1/accounts/k1/clear", """{"who":"x","why":"y"}""", "analyst admin" },
        { "POST", "/v1/entities/benign", """{"kind":"instrument","entity":"tok_k","who":"x","why":"y"}""", "analyst admin" },
        { "GET", "/dashboard/", null, "admin" },
        { "GET", "/v1/audit", null, "admin" },
        { "DELETE", "/v1/accounts/k1?why=subject%20request", null, "admin" },
        { "GET", "/v1/queue", null, "analyst admin" },
        { "GET", "/v1/claims", null, "analyst admin" },
        { "POST", "/v1/claims", $$"""{"item":"{{Component}}","who":"x"}""", "analyst admin" },
        { "POST", "/v1/claims/release", $$"""{"item":"{{Component}}","who":"x"}""", "analyst admin" },
        { "GET", $"/v1/components/{Component}/members", null, "analyst admin" },
        { "GET", $"/v1/components/{Component}/audit", null, "analyst admin" },
        { "POST", "/v1/search", """{"q":"k1"}""", "analyst admin" },
        { "GET", "/v1/status/cluster", null, "analyst admin" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryEndpoint_RefusesNoKeyAndUnknownKeys_AndEachRoleGetsWhatItMay(string method, string path, string? body, string allowed)
    {
        await AssertRefusedAsync(await SendAsync(method, path, body, key: null), HttpStatusCode.Unauthorized, "Authorization");
        await AssertRefusedAsync(await SendAsync(method, path, body, key: ApiKeyFile.Prefix + "not-a-key-at-all-0000000000000000000000"), HttpStatusCode.Unauthorized, "not known");

        foreach (var (role, key) in fixture.Keys)
        {
            using var response = await SendAsync(method, path, body, key);
            if (allowed.Split(' ').Contains(role))
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{role} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                await AssertRefusedAsync(response, HttpStatusCode.Forbidden, $"role {role}");
            }
        }
    }

    [Fact]
    public async Task Health_StaysOpen()
    {
        using var response = await SendAsync("GET", "/health", null, key: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ARevokedKey_IsRefused_WithoutARestart()
    {
        var file = ApiKeyFile.Load(fixture.KeysFile);
        var (_, key) = file.Add("leaving-analyst", ApiKeyRole.Analyst, DateTime.UtcNow);
        file.Save(fixture.KeysFile);
        await Eventually.WaitUntilAsync(async () => (await SendAsync("GET", "/v1/flagged", null, key)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the new key to be accepted");

        file = ApiKeyFile.Load(fixture.KeysFile);
        Assert.True(file.Revoke("leaving-analyst"));
        file.Save(fixture.KeysFile);
        await Eventually.WaitUntilAsync(async () => (await SendAsync("GET", "/v1/flagged", null, key)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(30), "the revoked key to be refused");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("GET", "/v1/flagged", null, fixture.Keys["analyst"])).StatusCode);
    }

    [Fact]
    public async Task AnAction_NamesTheKeyThatTookIt_AndKeepsAWrittenWhoOnlyAsOnBehalfOf()
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        using var ingest = await SendAsync("POST", "/v1/events", """{"type":"signup","account":"k2","at":"2026-04-22T10:00:00Z","ip":"203.0.113.8"}""", fixture.Keys["ingest"]);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);

        using var impersonating = await SendAsync("POST", "/v1/accounts/k2/label", """{"verdict":"fraud","who":"someone-else","why":"chargeback"}""", fixture.Keys["analyst"]);
        var action = JsonDocument.Parse(await impersonating.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("analyst-key", "someone-else"), (action.GetProperty("who").GetString(), action.GetProperty("on_behalf_of").GetString()));

        using var plain = await SendAsync("POST", "/v1/accounts/k2/clear", """{"why":"checked"}""", fixture.Keys["admin"]);
        var cleared = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("admin-key", cleared.GetProperty("who").GetString());
        Assert.False(cleared.TryGetProperty("on_behalf_of", out _));

        using var account = await SendAsync("GET", "/v1/accounts/k2", null, fixture.Keys["analyst"]);
        var recorded = JsonDocument.Parse(await account.Content.ReadAsStringAsync()).RootElement.GetProperty("actions").EnumerateArray()
            .Select(a => a.GetProperty("who").GetString()).ToList();
        Assert.Equal(["analyst-key", "admin-key"], recorded);

        // The audit log keeps the same: the key as who acted, the written who only as on whose behalf.
        using var audit = await SendAsync("GET", $"/v1/audit?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}", null, fixture.Keys["admin"]);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var entries = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == "k2")
            .Select(e => (e.GetProperty("who").GetString(), e.TryGetProperty("on_behalf_of", out var behalf) ? behalf.GetString() : null, e.GetProperty("action").GetString()))
            .ToList();
        Assert.Equal([("analyst-key", "someone-else", "label_account:fraud"), ("admin-key", null, "clear_account")], entries);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
            Assert.Contains(says, error);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? body, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, path == "/v1/events" ? "application/x-ndjson" : "application/json");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await fixture.Host.Http.SendAsync(request);
    }
}
