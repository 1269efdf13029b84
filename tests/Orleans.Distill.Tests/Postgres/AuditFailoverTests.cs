using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Postgres;

/// <summary>
/// The audit log outlives the silo that held it: analyst actions are recorded while one silo is the whole cluster
/// (so today's audit grain is on it), a second joins, the first is killed with <c>kill -9</c>, and the survivor
/// reads back every entry.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditFailoverTests(PostgresServer server) : IDisposable
{
    private readonly TempFolder _folder = new("distill-pg-audit");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TheAuditLog_IsReadBackComplete_AfterTheSiloHoldingItIsKilled()
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        var connection = await server.CreateDatabaseAsync();
        string[] args =
        [
            "--storage", "postgres", "--connection", connection, "--Distill:Telemetry:Exporter", "none",
            .. ChaosTests.FastMembership, "--Distill:Messaging:ResponseTimeout", "00:00:10",
        ];

        await using var first = await HostProcess.StartAsync(_folder.Path, args);
        const string events = """
            {"type":"payment","account":"af1","at":"2026-04-22T10:00:00Z","instrument":"tok_af"}
            {"type":"payment","account":"af2","at":"2026-04-22T10:01:00Z","instrument":"tok_af"}
            {"type":"signup","account":"af3","at":"2026-04-22T10:02:00Z","ip":"203.0.113.30"}
            """;
        using (var ingest = await first.Http.PostAsync("/v1/events", new StringContent(events, Encoding.UTF8, "application/x-ndjson")))
        {
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        }

        await ActAsync(first, "/v1/accounts/af1/label", new { verdict = "fraud", who = "ana", why = "chargeback" }, HttpStatusCode.OK);
        await ActAsync(first, "/v1/accounts/af2/clear", new { who = "ana", why = "checked" }, HttpStatusCode.OK);
        await ActAsync(first, "/v1/accounts/nobody/label", new { verdict = "fraud", who = "ana", why = "typo" }, HttpStatusCode.NotFound);
        await ActAsync(first, "/v1/entities/benign", new { kind = "instrument", entity = "tok_af", who = "ana", why = "a household" }, HttpStatusCode.OK);

        await using var second = await HostProcess.StartAsync(_folder.Path, args);
        await ActAsync(second, "/v1/accounts/af3/label", new { verdict = "benign", who = "ben", why = "known customer" }, HttpStatusCode.OK);
        await first.KillAsync();

        // Until the cluster declares the killed silo dead, a read may time out (503); then the grain comes back from
        // the database on the survivor.
        await Eventually.AssertAsync(async () =>
        {
            using var audit = await second.Http.GetAsync($"/v1/audit?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}");
            Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
            var entries = (await audit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Select(e => (e.GetProperty("who").GetString(), e.GetProperty("action").GetString(), e.GetProperty("target").GetString(), e.GetProperty("result").GetString()));
            Assert.Equal(
            [
                ("ana", "label_account:fraud", "af1", "ok"),
                ("ana", "clear_account", "af2", "ok"),
                ("ana", "label_account:fraud", "nobody", "not_found"),
                ("ana", "mark_entity_benign", "instrument:tok_af", "ok"),
                ("ben", "label_account:benign", "af3", "ok"),
            ], entries);
        }, TimeSpan.FromMinutes(2));
    }

    private static async Task ActAsync(HostProcess silo, string path, object body, HttpStatusCode expected)
    {
        using var response = await silo.Http.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
