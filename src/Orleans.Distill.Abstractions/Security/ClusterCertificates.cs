using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Distill.Security;

/// <summary>The certificate this process presents and the peers it admits, read from the files <see cref="DistillTlsOptions"/> names.</summary>
public sealed class ClusterCertificates : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2Collection _authorities;

    private ClusterCertificates(X509Certificate2 certificate, X509Certificate2Collection authorities, PeerCertificatePolicy peers) =>
        (Certificate, _authorities, Peers) = (certificate, authorities, peers);

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public PeerCertificatePolicy Peers { get; }

    /// <summary>
    /// Reads and checks the files: the certificate must carry its key, allow what <paramref name="role"/> does with
    /// it, and be one its own peers would admit (issued by the authority, not expired), since a silo whose
    /// certificate the others refuse would start and then never join.
    /// </summary>
    /// <exception cref="TlsSettingException">A file is missing, unreadable or unfit; the exception names the setting.</exception>
    public static ClusterCertificates Load(DistillTlsOptions options, TlsRole role)
    {
        var path = options.CertificatePath is { Length: > 0 } configured
            ? configured
            : throw new TlsSettingException(nameof(options.CertificatePath), "is not set; it must name the certificate to present (PKCS#12, or PEM with its key) when TLS is enabled");
        var certificate = ReadCertificate(path, options);
        X509Certificate2Collection authorities = [];
        try
        {
            CheckUsage(certificate, path, role);
            PeerCertificatePolicy peers;
            if (options.CertificateAuthorityPath is { Length: > 0 } authorityPath)
            {
                authorities = ReadAuthorities(authorityPath);
                peers = PeerCertificatePolicy.IssuedBy(authorities);
            }
            else
            {
                peers = PeerCertificatePolicy.Exactly(certificate);
            }

            if (peers.Refusal(certificate, null) is { } refusal)
            {
                throw new TlsSettingException(nameof(options.CertificatePath), $"'{path}' would be refused by its own peers: {refusal}");
            }

            return new(certificate, authorities, peers);
        }
        catch
        {
            Dispose(certificate, authorities);
            throw;
        }
    }

    public void Dispose() => Dispose(Certificate, _authorities);

    private static X509Certificate2 ReadCertificate(string path, DistillTlsOptions options)
    {
        var keyPath = options.KeyPath is { Length: > 0 } key ? key : null;
        var pem = IsPem(nameof(options.CertificatePath), path);
        if (keyPath is not null)
        {
            Exists(nameof(options.KeyPath), keyPath);
        }

        X509Certificate2 certificate;
        try
        {
            if (!pem)
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.Password);
            }
            else
            {
                using var fromPem = options.Password is { Length: > 0 } password
                    ? X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath)
                    : X509Certificate2.CreateFromPemFile(path, keyPath);
                // Windows' TLS stack cannot use the in-memory key a PEM file yields; a round trip through PKCS#12 gives it one it can.
                certificate = X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // A key that does not match its certificate is an ArgumentException; the key file is then what to look at.
            var setting = pem && keyPath is not null ? nameof(options.KeyPath) : nameof(options.CertificatePath);
            var hint = pem && keyPath is null ? $"; a PEM certificate needs its key in the same file or in {nameof(options.KeyPath)}" : "";
            throw new TlsSettingException(setting, $"'{(setting == nameof(options.KeyPath) ? keyPath : path)}' cannot be used: {OneLine(e.Message)}{hint}");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new TlsSettingException(nameof(options.CertificatePath), $"'{path}' holds no private key");
        }

        return certificate;
    }

    private static X509Certificate2Collection ReadAuthorities(string path)
    {
        Exists(nameof(DistillTlsOptions.CertificateAuthorityPath), path);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            Dispose(null, authorities);
            throw new TlsSettingException(nameof(DistillTlsOptions.CertificateAuthorityPath), $"'{path}' cannot be read: {OneLine(e.Message)}");
        }

        return authorities.Count > 0
            ? authorities
            : throw new TlsSettingException(nameof(DistillTlsOptions.CertificateAuthorityPath), $"'{path}' holds no PEM certificate");
    }

    private static void CheckUsage(X509Certificate2 certificate, string path, TlsRole role)
    {
        // Without the extension a certificate may be used for anything; with it, TLS refuses a usage it does not list.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value).ToHashSet();
        string[] needed = role == TlsRole.Silo ? [ServerAuthentication, ClientAuthentication] : [ClientAuthentication];
        if (usages.Count > 0 && !needed.All(usages.Contains))
        {
            var what = role == TlsRole.Silo ? "both server and client authentication (a silo accepts connections and opens them)" : "client authentication";
            throw new TlsSettingException(nameof(DistillTlsOptions.CertificatePath), $"'{path}' does not allow {what} in its extended key usage");
        }
    }

    private static void Exists(string setting, string path)
    {
        if (!File.Exists(path))
        {
            throw new TlsSettingException(setting, $"'{path}' does not exist");
        }
    }

    private static bool IsPem(string setting, string path)
    {
        Exists(setting, path);
        try
        {
            using var reader = new StreamReader(path);
            var start = new char[4096];
            return new string(start, 0, reader.ReadBlock(start)).Contains("-----BEGIN", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsSettingException(setting, $"'{path}' cannot be read: {OneLine(e.Message)}");
        }
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');

    private static void Dispose(X509Certificate2? certificate, X509Certificate2Collection authorities)
    {
        certificate?.Dispose();
        foreach (var authority in authorities)
        {
            authority.Dispose();
        }
    }
}
