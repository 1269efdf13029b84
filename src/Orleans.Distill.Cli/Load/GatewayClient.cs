using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Distill.Security;

namespace Orleans.Distill.Cli.Load;

/// <summary>An Orleans client connected to one silo's gateway, for the no-op grain call baseline.</summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private const int Retries = 3;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly IHost _host;

    private GatewayClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Throws when no gateway of that service and cluster answers at <paramref name="gateway"/>, or, with
    /// <paramref name="tls"/>, when the gateway and this client do not trust each other's certificates.
    /// </summary>
    public static async Task<GatewayClient> ConnectAsync(
        IPEndPoint gateway, string serviceId, string clusterId, ClusterCertificates? tls, CancellationToken cancellation)
    {
        // No defaults: no console logger writing over the tables, no settings picked up from the environment.
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateway);
            client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (serviceId, clusterId));
            // The host answered /health a moment ago: a gateway that fails a few attempts in a row is refusing this
            // client (wrong ids, or TLS), not starting, and Orleans' own retries would take minutes to say so.
            var attempts = 0;
            client.UseConnectionRetryFilter(async (_, stopping) =>
            {
                if (++attempts > Retries)
                {
                    return false;
                }

                await Task.Delay(RetryDelay * attempts, stopping);
                return true;
            });
            if (tls is not null)
            {
                client.UseDistillTls(tls);
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
            return new GatewayClient(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
