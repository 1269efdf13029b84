using Orleans.Connections.Security;
using Orleans.Distill.Security;
using Orleans.Hosting;

namespace Orleans.Distill.Cli.Load;

public static class ClientTlsExtensions
{
    /// <summary>
    /// TLS to the gateways, as silos with <c>Distill:Tls:Enabled</c> require: this client presents
    /// <paramref name="certificates"/>' certificate, and connects only to a gateway whose certificate they trust.
    /// </summary>
    public static IClientBuilder UseDistillTls(this IClientBuilder client, ClusterCertificates certificates) =>
        client.UseTls(certificates.Certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (peer, chain, _) => certificates.Peers.Refusal(peer, chain) is null;
        });
}
