using System.Security.Cryptography.X509Certificates;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.Hosting;

public static partial class SiloTlsExtensions
{
    /// <summary>
    /// With <c>Distill:Tls:Enabled</c>, TLS on the silo and gateway ports and on this silo's connections to others.
    /// Every connection is mutual: a silo or client is admitted only with a certificate <see cref="PeerCertificatePolicy"/>
    /// trusts, and this silo proves itself with its own. Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>,
    /// naming the setting, when the files cannot be used.
    /// </summary>
    public static ISiloBuilder UseDistillTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = new DistillTlsOptions();
        configuration.GetSection(DistillTlsOptions.Section).Bind(options);
        if (!new DistillTlsOptionsValidator().ThrowIfInvalid(options).Enabled)
        {
            return silo;
        }

        // Held for the life of the process: every handshake presents it.
        var certificates = ClusterCertificates.Load(options, TlsRole.Silo);
        var refusals = new PeerRefusals();
        // Orleans takes its TLS settings before the container exists; the logger arrives with the connection options,
        // which are resolved before the first connection is made.
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((_, loggers) => refusals.Logger = loggers.CreateLogger("Orleans.Distill.Host.Tls"));
        return silo.UseTls(certificates.Certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (peer, chain, _) => refusals.Admit(certificates.Peers, peer, chain);
        });
    }

    private sealed partial class PeerRefusals
    {
        public ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public bool Admit(PeerCertificatePolicy policy, X509Certificate2 peer, X509Chain? chain)
        {
            if (policy.Refusal(peer, chain) is not { } reason)
            {
                return true;
            }

            LogRefused(Logger, peer.Subject, peer.Thumbprint, reason);
            return false;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a TLS peer presenting {Subject} ({Thumbprint}): {Reason}")]
        private static partial void LogRefused(ILogger logger, string subject, string thumbprint, string reason);
    }
}
