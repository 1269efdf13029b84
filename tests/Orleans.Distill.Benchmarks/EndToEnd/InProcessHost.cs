using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Host.Hosting;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>
/// The real executable's host (silo and HTTP API) started inside the bench process, so benches measure the same
/// code path a deployment runs. It listens on a free loopback port and keeps its data in a temporary folder that
/// disposing deletes.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _data;

    private InProcessHost(WebApplication app, string data, Uri address)
    {
        _app = app;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessHost> StartAsync(string storage = "sqlite", string synchronous = "FULL")
    {
        var data = Path.Combine(Path.GetTempPath(), "distill-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        // The system may offer a released port again at once; the host refuses the same port for silo and gateway.
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        while (gatewayPort == siloPort)
        {
            gatewayPort = FreePort();
        }

        try
        {
            var app = DistillHost.Build(
            [
                "--urls", "http://127.0.0.1:0", "--data", data, "--storage", storage,
                "--silo-port", siloPort.ToString(), "--gateway-port", gatewayPort.ToString(),
                "--Distill:Storage:Synchronous=" + synchronous,
                // The host's information lines (storage opened, components split) and the console exporter's periodic
                // metric dumps would interleave with the tables.
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans.Distill=Warning",
                "--Distill:Telemetry:Exporter=none",
            ]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InProcessHost(app, data, new Uri(address));
        }
        catch
        {
            DeleteData(data);
            throw;
        }
    }

    public HttpClient CreateClient(TimeSpan timeout) => new() { BaseAddress = Address, Timeout = timeout };

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        finally
        {
            DeleteData(_data);
        }
    }

    private static void DeleteData(string data)
    {
        // Pooled connections keep distill.db open, and an open file cannot be deleted on every platform.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
