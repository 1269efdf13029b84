using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Distill.Tests.Security;

/// <summary>
/// A certificate authority made on the spot, and the certificates it issues, written to files the way an operator
/// would hand them to the host: PEM certificate and key, or a password-protected PKCS#12 file.
/// </summary>
public sealed class TestAuthority : IDisposable
{
    private static readonly string[] SiloUsages = ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"];

    private readonly string _folder;

    private TestAuthority(X509Certificate2 certificate, string folder) => (Certificate, _folder) = (certificate, folder);

    public X509Certificate2 Certificate { get; }

    /// <summary>The authority's certificate as PEM: what <c>Distill:Tls:CertificateAuthorityPath</c> names.</summary>
    public string PemPath => Path.Combine(_folder, "ca.crt");

    /// <summary>A self-signed authority writing its files under <paramref name="folder"/>.</summary>
    public static TestAuthority Create(string name, string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1));
        var authorityFolder = Path.Combine(folder, name.Replace(' ', '-'));
        Directory.CreateDirectory(authorityFolder);
        var authority = new TestAuthority(certificate, authorityFolder);
        File.WriteAllText(authority.PemPath, certificate.ExportCertificatePem());
        return authority;
    }

    /// <summary>A certificate with its private key, for a silo unless <paramref name="usages"/> says otherwise.</summary>
    public X509Certificate2 Issue(string name, DateTimeOffset? notAfter = null, string[]? usages = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. (usages ?? SiloUsages).Select(u => new Oid(u))], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        var from = until < DateTimeOffset.UtcNow ? until.AddDays(-1) : DateTimeOffset.UtcNow.AddDays(-1);
        using var issued = request.Create(Certificate, from, until, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes <paramref name="certificate"/> as PEM certificate and PEM key; answers both paths.</summary>
    public (string Certificate, string Key) WritePem(X509Certificate2 certificate, string name)
    {
        var (certificatePath, keyPath) = (Path.Combine(_folder, name + ".crt"), Path.Combine(_folder, name + ".key"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>Writes <paramref name="certificate"/> with its key as a PKCS#12 file under <paramref name="password"/>.</summary>
    public string WritePfx(X509Certificate2 certificate, string name, string password)
    {
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    public void Dispose() => Certificate.Dispose();
}
