namespace Orleans.Distill.Host.Security;

/// <summary>The reverse proxies that terminate TLS in front of the host. Bound from <c>Distill:Proxy</c>.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Distill:Proxy";

    /// <summary>
    /// Addresses (<c>10.0.0.7</c>) or networks (<c>10.0.0.0/8</c>) of the proxies in front of the host. A request
    /// that comes from one of them is taken to have the scheme and client address its <c>X-Forwarded-Proto</c> and
    /// <c>X-Forwarded-For</c> headers give, so the console's cookies are marked Secure behind a proxy that terminates
    /// TLS. From anyone else the headers are ignored: a client must not claim a TLS connection it did not make.
    /// Empty (the default): no proxy is trusted.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
