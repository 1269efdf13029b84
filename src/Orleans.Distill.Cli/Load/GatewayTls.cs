using System.CommandLine;
using Orleans.Distill.Security;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// The <c>load</c> options for a gateway that requires TLS (<c>Distill:Tls:Enabled</c> on the host). The password
/// is read from the host's own variable, <see cref="PasswordVariable"/>: a command line is visible to every user.
/// </summary>
public sealed class GatewayTls
{
    public const string PasswordVariable = "Distill__Tls__Password";

    public Option<string> Certificate { get; } = new("--tls-certificate")
    {
        Description = "Certificate to present to a gateway that requires TLS: PKCS#12, or PEM with its key (password in " + PasswordVariable + ")",
    };

    public Option<string> Key { get; } = new("--tls-key") { Description = "PEM private key of --tls-certificate, if in a file of its own" };

    public Option<string> Authority { get; } = new("--tls-authority")
    {
        Description = "PEM file of the authorities the gateway's certificate must be issued by; without it, the gateway must present --tls-certificate itself",
    };

    public IEnumerable<Option> Options => [Certificate, Key, Authority];

    /// <summary>The certificates to connect with (none without <c>--tls-certificate</c>), or the line that refuses them.</summary>
    public (ClusterCertificates? Certificates, string? Refusal) Read(ParseResult result)
    {
        var options = new DistillTlsOptions
        {
            Enabled = true,
            CertificatePath = result.GetValue(Certificate),
            KeyPath = result.GetValue(Key),
            CertificateAuthorityPath = result.GetValue(Authority),
            Password = Environment.GetEnvironmentVariable(PasswordVariable),
        };
        if (options.CertificatePath is null)
        {
            return options.KeyPath is null && options.CertificateAuthorityPath is null ? (null, null) : (null, $"{Key.Name} and {Authority.Name} need {Certificate.Name}");
        }

        try
        {
            return (ClusterCertificates.Load(options, TlsRole.Client), null);
        }
        catch (TlsSettingException e)
        {
            var option = e.Setting switch
            {
                nameof(DistillTlsOptions.KeyPath) => Key.Name,
                nameof(DistillTlsOptions.CertificateAuthorityPath) => Authority.Name,
                _ => Certificate.Name,
            };
            return (null, $"{option}: {e.Problem}");
        }
    }
}
