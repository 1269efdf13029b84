using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Security;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Privacy;

/// <summary>
/// <c>DELETE /v1/accounts/{id}</c> on the real host with durable storage: only an admin may erase; the account's
/// email and country leave the database files, even when the process is killed right after; its links stay as
/// evidence; later events do not bring the fields back; and the audit log names the admin's key.
/// </summary>
public sealed class ErasureTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-erase");
    private readonly Dictionary<string, string> _keys = [];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AnAdminErasesAnAccount_ItsPersonalFieldsLeaveStorage_AndItsEvidenceStays()
    {
        var keysFile = Path.Combine(_folder.Path, "keys.json");
        var file = ApiKeyFile.Load(keysFile);
        foreach (var role in new[] { ApiKeyRole.Ingest, ApiKeyRole.Analyst, ApiKeyRole.Admin })
        {
            _keys[role.Name()] = file.Add($"{role.Name()}-key", role, DateTime.UtcNow).Key;
        }

        file.Save(keysFile);
        var since = DateTime.UtcNow.AddMinutes(-1);
        await using (var host = await HostProcess.StartAsync(_folder.Path, "--keys", keysFile))
        {
            const string lines = """
                {"type":"signup","account":"erase1","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7","email":"carol.white@erase.example","country":"GB","id":"e1"}
                {"type":"payment","account":"erase1","at":"2026-04-22T10:05:00Z","instrument":"tok_erase","id":"e2"}
                {"type":"signup","account":"keep1","at":"2026-04-22T10:01:00Z","ip":"203.0.113.8","email":"dan.black@keep.example","country":"FR","id":"k1"}
                """;
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Post, "/v1/events", lines, "ingest")).StatusCode);

            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host, HttpMethod.Delete, "/v1/accounts/erase1?why=request", null, "analyst")).StatusCode);
            using (var noWhy = await SendAsync(host, HttpMethod.Delete, "/v1/accounts/erase1", null, "admin"))
            {
                Assert.Equal(HttpStatusCode.BadRequest, noWhy.StatusCode);
                Assert.Equal("why", (await noWhy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
            }

            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host, HttpMethod.Delete, "/v1/accounts/nobody?why=request", null, "admin")).StatusCode);

            using (var erased = await SendAsync(host, HttpMethod.Delete, "/v1/accounts/erase1?why=subject%20request%2042", null, "admin"))
            {
                Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
                var body = await erased.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(["email", "country"], body.GetProperty("erased").EnumerateArray().Select(e => e.GetString()));
                Assert.Contains("links", body.GetProperty("kept").EnumerateArray().Select(e => e.GetString()));
            }

            // A signup re-sent after the erasure does not store the fields again, and a second erasure has nothing left.
            const string resent = """{"type":"signup","account":"erase1","at":"2026-04-22T09:00:00Z","ip":"203.0.113.7","email":"carol.white@erase.example","country":"GB","id":"e3"}""";
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Post, "/v1/events", resent, "ingest")).StatusCode);
            using (var again = await SendAsync(host, HttpMethod.Delete, "/v1/accounts/erase1?why=again", null, "admin"))
            {
                Assert.Empty((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").EnumerateArray());
            }

            using (var account = await SendAsync(host, HttpMethod.Get, "/v1/accounts/erase1", null, "analyst"))
            {
                var body = await account.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(body.TryGetProperty("erased_at", out _));
                Assert.Contains("tok_erase", body.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("entity").GetString()));
            }

            using (var audit = await SendAsync(host, HttpMethod.Get, $"/v1/audit?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}", null, "admin"))
            {
                var entries = (await audit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                    .Where(e => e.GetProperty("action").GetString() == "erase_account")
                    .Select(e => (e.GetProperty("who").GetString(), e.GetProperty("target").GetString(), e.GetProperty("result").GetString()))
                    .ToList();
                Assert.Equal(
                [
                    ("admin-key", "nobody", "not_found"),
                    ("admin-key", "erase1", "ok: email, country"),
                    ("admin-key", "erase1", "ok: nothing left to erase"),
                ], entries);
            }

            // Killed, not stopped: whatever the files hold now is what a crash would leave.
            await host.KillAsync();
        }

        var stored = Directory.GetFiles(_folder.Path, "distill.db*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(stored);
        Assert.Contains(stored, b => b.AsSpan().IndexOf("@keep.example"u8) >= 0);
        Assert.All(stored, b => Assert.True(b.AsSpan().IndexOf("@erase.example"u8) < 0, "the erased account's email domain is still in the database files"));
    }

    private async Task<HttpResponseMessage> SendAsync(HostProcess host, HttpMethod method, string path, string? body, string role)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _keys[role]);
        return await host.Http.SendAsync(request);
    }
}
