using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Postgres;

/// <summary>The real host on a real PostgreSQL: what it keeps, and how it refuses a database it cannot use.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHostTests(PostgresServer server) : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new("distill-pg-host");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Host_KeepsComponentsInPostgres_AcrossAKill()
    {
        var connection = await server.CreateDatabaseAsync();
        // The same silo port on restart: the cluster then knows at once that the new silo replaces the killed one,
        // instead of waiting to declare it dead, as it must for a silo it cannot reach.
        var args = new[]
        {
            "--storage", "postgres", "--connection", connection, "--Distill:Telemetry:Exporter", "none",
            "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString(),
        };
        string component;
        await using (var host = await HostProcess.StartAsync(_folder.Path, args))
        {
            var body = """
                {"type":"payment","account":"pa","at":"2026-04-22T10:00:00Z","instrument":"tok_pg_1","id":"p1"}
                {"type":"payment","account":"pb","at":"2026-04-22T10:01:00Z","instrument":"tok_pg_1","id":"p2"}
                {"type":"usage","account":"pb","at":"2026-04-22T10:02:00Z","requests":40,"category":"coding","id":"p3"}
                """;
            using var response = await host.Http.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            component = (await host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/pa")).GetProperty("component").GetString()!;
            await host.KillAsync();
        }

        await using var restarted = await HostProcess.StartAsync(_folder.Path, args);
        var pb = await restarted.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/pb");
        Assert.Equal(component, pb.GetProperty("component").GetString());
        Assert.Equal(40, pb.GetProperty("requests").GetInt64());
        var members = (await restarted.Http.GetFromJsonAsync<JsonElement>($"/v1/components/{component}")).GetProperty("member_accounts");
        Assert.Equal(["pa", "pb"], members.EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task UnreachableDatabase_RefusesToStart_WithOneLineSayingWhy()
    {
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, ExitTimeout,
            "--storage", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=distill;Database=distill", "--Distill:Telemetry:Exporter", "none");

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:1", line);
        Assert.Contains("unreachable", line);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task DatabaseWithoutSchema_RefusesToStart_WhenMigrationIsOff()
    {
        var connection = await server.CreateDatabaseAsync();
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, ExitTimeout,
            "--storage", "postgres", "--connection", connection, "--Distill:Storage:Migrate", "false", "--Distill:Telemetry:Exporter", "none");

        Assert.Equal(2, exit);
        Assert.Contains("has no Orleans.Distill schema (missing distill_grain_state", output);
        Assert.Contains("Distill:Storage:Migrate=true", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task MissingConnectionString_RefusesToStart_NamingTheSwitch()
    {
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, ExitTimeout, "--storage", "postgres", "--Distill:Telemetry:Exporter", "none");

        Assert.Equal(2, exit);
        Assert.Contains("cannot start: Distill:Storage:ConnectionString (--connection) must be set", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task MalformedConnectionString_RefusesToStart_NamingTheSetting()
    {
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, ExitTimeout,
            "--storage", "postgres", "--connection", "Port=not-a-number", "--Distill:Telemetry:Exporter", "none");

        Assert.Equal(2, exit);
        Assert.Contains("Distill:Storage:ConnectionString is not a valid PostgreSQL connection string", output);
    }
}
