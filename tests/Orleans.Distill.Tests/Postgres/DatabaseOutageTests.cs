using System.Net;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Postgres;

/// <summary>
/// A silo whose database goes away reports unhealthy, answers event batches <c>503</c> (send again), and is
/// healthy again once the database is back, when the same batch is applied once.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    // A server of its own: stopping the shared one would fail every other PostgreSQL test.
    private readonly PostgresServer _server = new();
    private readonly TempFolder _folder = new("distill-pg-outage");

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task LostDatabase_MakesHealthAnswer503_AndBatches503_UntilItIsBack_ThenTheResentBatchIsStored()
    {
        var connection = await _server.CreateDatabaseAsync();
        // The same ports on restart: the cluster knows at once that the new silo replaces the old one.
        string[] args =
        [
            "--storage", "postgres", "--connection", connection, "--Distill:Telemetry:Exporter", "none",
            "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString(),
        ];
        await using (var host = await HostProcess.StartAsync(_folder.Path, args))
        {
            // The account is active and the newest event time set before the outage: the batch below changes the
            // account's memory, and its write is the first to fail.
            using var before = await PostAsync(host, """{"type":"signup","account":"outage","at":"2026-04-22T12:00:00Z","ip":"203.0.113.9","id":"o0"}""");
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

            await _server.StopAsync();
            await Eventually.WaitUntilAsync(async () => (await host.Http.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30), "/health to report the lost database");
            using var unhealthy = await host.Http.GetAsync("/health");
            var body = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            Assert.Contains("PostgreSQL", body.GetProperty("reason").GetString());

            // The account's write fails: nothing is acknowledged, and the answer says to send the batch again.
            using var refused = await PostAsync(host, Batch);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("send the same request again", await refused.Content.ReadAsStringAsync());

            await _server.StartAsync();
            await Eventually.WaitUntilAsync(async () => (await host.Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "/health to recover with the database");
            await Eventually.WaitUntilAsync(async () => (await PostAsync(host, Batch)).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "the batch to be accepted once the database is back");
            await host.KillAsync();
        }

        // What the re-sent batch was acknowledged for is in the database, once, not only in the memory of the
        // activation whose write had failed.
        await using var restarted = await HostProcess.StartAsync(_folder.Path, args);
        var account = JsonDocument.Parse(await restarted.Http.GetStringAsync("/v1/accounts/outage")).RootElement;
        var link = Assert.Single(account.GetProperty("links").EnumerateArray(), l => l.GetProperty("kind").GetString() == "instrument");
        Assert.Equal(("tok_outage", 1), (link.GetProperty("entity").GetString(), link.GetProperty("count").GetInt32()));
    }

    private const string Batch = """{"type":"payment","account":"outage","at":"2026-04-22T10:00:00Z","instrument":"tok_outage","id":"o1"}""";

    private static Task<HttpResponseMessage> PostAsync(HostProcess host, string ndjson) =>
        host.Http.PostAsync("/v1/events", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
}
