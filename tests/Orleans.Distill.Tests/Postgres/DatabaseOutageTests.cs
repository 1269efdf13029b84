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
    public async Task LostDatabase_MakesHealthAnswer503_UntilItIsBack()
    {
        var connection = await _server.CreateDatabaseAsync();
        await using var host = await HostProcess.StartAsync(_folder.Path, "--storage", "postgres", "--connection", connection, "--Distill:Telemetry:Exporter", "none");

        await _server.StopAsync();
        await Eventually.WaitUntilAsync(async () => (await host.Http.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "/health to report the lost database");
        using var unhealthy = await host.Http.GetAsync("/health");
        var body = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Contains("PostgreSQL", body.GetProperty("reason").GetString());

        // An event batch cannot be made durable: the answer says to send it again, and nothing is acknowledged.
        const string batch = """{"type":"payment","account":"outage","at":"2026-04-22T10:00:00Z","instrument":"tok_outage","id":"o1"}""";
        using var refused = await host.Http.PostAsync("/v1/events", new StringContent(batch, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("send the same request again", await refused.Content.ReadAsStringAsync());

        await _server.StartAsync();
        await Eventually.WaitUntilAsync(async () => (await host.Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "/health to recover with the database");

        // Sent again once the database is back, it is applied once.
        await Eventually.WaitUntilAsync(async () =>
            (await host.Http.PostAsync("/v1/events", new StringContent(batch, Encoding.UTF8, "application/x-ndjson"))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the batch to be accepted once the database is back");
        var account = JsonDocument.Parse(await host.Http.GetStringAsync("/v1/accounts/outage")).RootElement;
        var link = Assert.Single(account.GetProperty("links").EnumerateArray());
        Assert.Equal(1, link.GetProperty("count").GetInt32());
    }
}
