using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Orleans.Distill.Hosting;
using IPNetwork = System.Net.IPNetwork;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// Reads the forwarded scheme and client address from the proxies named in <see cref="ProxyOptions"/>, and from no
/// one else. ASP.NET Core's forwarded-headers middleware trusts every sender when it is given no proxy at all, so it
/// is only added when some proxy is named.
/// </summary>
public static class TrustedProxy
{
    /// <summary>An address as the one-address network it is, a network as itself, or null.</summary>
    public static IPNetwork? Parse(string entry)
    {
        var text = entry.Trim();
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/'))
        {
            return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        return IPNetwork.TryParse(text, out var network) ? network : null;
    }

    public static IServiceCollection AddDistillTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ProxyOptions, ProxyOptionsValidator>(configuration, ProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only the proxies named are trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.TrustedProxies.Select(Parse).OfType<IPNetwork>())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static IApplicationBuilder UseDistillTrustedProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value;
        return proxies.TrustedProxies.Count == 0 ? app : app.UseForwardedHeaders();
    }
}
