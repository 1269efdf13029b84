using System.Diagnostics;
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
public sealed class InProcessHost : IBenchHost
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

    public Process Process { get; } = Process.GetCurrentProcess();

    public bool SharesBenchProcess => true;

    /// <summary>Null: the host logs to the bench's own console.</summary>
    public HostLog? Log => null;

    /// <param name="extra">Further host arguments (a keys file, rate limits), after the bench's own.</param>
    public static async Task<InProcessHost> StartAsync(string storage = "sqlite", string synchronous = "FULL", IReadOnlyList<string>? extra = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "distill-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var ports = LoopbackPorts.Distinct(2);

        try
        {
            var app = DistillHost.Build(HostArguments.For("http://127.0.0.1:0", data, ports[0], ports[1], storage, synchronous, extra ?? []));
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
}
