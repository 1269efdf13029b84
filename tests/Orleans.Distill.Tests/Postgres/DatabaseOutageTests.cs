using System.Net;
using System.Text.Json;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Postgres;

/// <summary>A silo whose database goes away reports unhealthy, and healthy again once it is back.</summary>
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

        await _server.StartAsync();
        await Eventually.WaitUntilAsync(async () => (await host.Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "/health to recover with the database");
    }
}
