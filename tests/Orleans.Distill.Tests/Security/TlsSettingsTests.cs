using Microsoft.Extensions.Options;
using Orleans.Distill.Security;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>How <c>Distill:Tls</c> files are read and checked, and which peers the result admits.</summary>
public sealed class TlsSettingsTests : IDisposable
{
    private const string Password = "pfx-password";

    private readonly TempFolder _folder = new("distill-tls-settings");
    private readonly TestAuthority _authority;
    private readonly TestAuthority _stranger;

    public TlsSettingsTests()
    {
        _authority = TestAuthority.Create("cluster CA", _folder.Path);
        _stranger = TestAuthority.Create("stranger CA", _folder.Path);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _stranger.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Disabled_ReadsNoFile()
    {
        Assert.Empty(Failures(new DistillTlsOptions { CertificatePath = "/nonexistent/tls.crt" }));
    }

    [Fact]
    public void Enabled_WithoutCertificate_NamesTheSetting()
    {
        var failure = Assert.Single(Failures(new DistillTlsOptions { Enabled = true }));
        Assert.StartsWith("Distill:Tls:CertificatePath is not set", failure);
    }

    [Fact]
    public void PemCertificateAndKey_Load_AndAdmitPeersOfTheAuthorityOnly()
    {
        using var silo = _authority.Issue("silo");
        var (certificate, key) = _authority.WritePem(silo, "silo");

        using var loaded = ClusterCertificates.Load(Options(certificate, key), TlsRole.Silo);

        Assert.Equal(silo.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.True(loaded.Certificate.HasPrivateKey);
        using var sibling = _authority.Issue("another silo");
        using var impostor = _stranger.Issue("silo");
        Assert.Null(loaded.Peers.Refusal(sibling, null));
        Assert.Contains("not issued by a trusted authority", loaded.Peers.Refusal(impostor, null));
        Assert.Contains("not issued by a trusted authority", loaded.Peers.Refusal(_stranger.Certificate, null));
    }

    [Fact]
    public void Pkcs12WithPassword_Loads_AndAWrongPasswordIsNamed()
    {
        using var silo = _authority.Issue("silo");
        var pfx = _authority.WritePfx(silo, "silo", Password);

        using (var loaded = ClusterCertificates.Load(Options(pfx, password: Password), TlsRole.Silo))
        {
            Assert.Equal(silo.Thumbprint, loaded.Certificate.Thumbprint);
        }

        var failure = Assert.Single(Failures(Options(pfx, password: "wrong")));
        Assert.StartsWith($"Distill:Tls:CertificatePath '{pfx}' cannot be used:", failure);
    }

    [Fact]
    public void WithoutAnAuthority_OnlyTheVeryCertificateIsAdmitted()
    {
        using var silo = _authority.Issue("silo");
        var (certificate, key) = _authority.WritePem(silo, "silo");

        using var loaded = ClusterCertificates.Load(Options(certificate, key, authority: ""), TlsRole.Silo);

        using var sibling = _authority.Issue("another silo");
        Assert.Null(loaded.Peers.Refusal(silo, null));
        Assert.Equal("it is not the cluster's certificate", loaded.Peers.Refusal(sibling, null));
        Assert.StartsWith("it expired on", loaded.Peers.Refusal(silo, null, now: silo.NotAfter.AddMinutes(1)));
    }

    [Fact]
    public void ACertificateTheAuthorityDidNotIssue_IsRefusedAtStart()
    {
        using var impostor = _stranger.Issue("silo");
        var (certificate, key) = _stranger.WritePem(impostor, "silo");

        var failure = Assert.Single(Failures(Options(certificate, key)));
        Assert.StartsWith($"Distill:Tls:CertificatePath '{certificate}' would be refused by its own peers: it is not issued by a trusted authority", failure);
    }

    [Fact]
    public void AnExpiredCertificate_IsRefusedAtStart()
    {
        using var expired = _authority.Issue("silo", notAfter: DateTimeOffset.UtcNow.AddHours(-1));
        var (certificate, key) = _authority.WritePem(expired, "expired");

        var failure = Assert.Single(Failures(Options(certificate, key)));
        Assert.Contains("would be refused by its own peers", failure);
        Assert.Contains("NotTimeValid", failure);
    }

    [Fact]
    public void ASiloNeedsServerAndClientUsage_AClientOnlyClientUsage()
    {
        using var clientOnly = _authority.Issue("client", usages: ["1.3.6.1.5.5.7.3.2"]);
        var (certificate, key) = _authority.WritePem(clientOnly, "client");

        var failure = Assert.Single(Failures(Options(certificate, key)));
        Assert.Equal($"Distill:Tls:CertificatePath '{certificate}' does not allow both server and client authentication (a silo accepts connections and opens them) in its extended key usage", failure);
        using var asClient = ClusterCertificates.Load(Options(certificate, key), TlsRole.Client);
        Assert.Equal(clientOnly.Thumbprint, asClient.Certificate.Thumbprint);
    }

    [Fact]
    public void MissingFiles_AreNamedBySetting()
    {
        using var silo = _authority.Issue("silo");
        var (certificate, key) = _authority.WritePem(silo, "silo");

        Assert.Equal(["Distill:Tls:CertificatePath '/nonexistent/tls.crt' does not exist"], Failures(Options("/nonexistent/tls.crt", key)));
        Assert.Equal(["Distill:Tls:KeyPath '/nonexistent/tls.key' does not exist"], Failures(Options(certificate, "/nonexistent/tls.key")));
        Assert.Equal(["Distill:Tls:CertificateAuthorityPath '/nonexistent/ca.crt' does not exist"], Failures(Options(certificate, key, authority: "/nonexistent/ca.crt")));
    }

    [Fact]
    public void APemCertificateWithoutItsKey_SaysWhereTheKeyGoes()
    {
        using var silo = _authority.Issue("silo");
        var (certificate, _) = _authority.WritePem(silo, "silo");

        var failure = Assert.Single(Failures(Options(certificate)));
        Assert.StartsWith($"Distill:Tls:CertificatePath '{certificate}' cannot be used:", failure);
        Assert.EndsWith("a PEM certificate needs its key in the same file or in KeyPath", failure);
    }

    [Fact]
    public void AKeyOfAnotherCertificate_NamesTheKeyFile()
    {
        using var silo = _authority.Issue("silo");
        using var other = _authority.Issue("other");
        var (certificate, _) = _authority.WritePem(silo, "silo");
        var (_, otherKey) = _authority.WritePem(other, "other");

        var failure = Assert.Single(Failures(Options(certificate, otherKey)));
        Assert.StartsWith($"Distill:Tls:KeyPath '{otherKey}' cannot be used:", failure);
    }

    private DistillTlsOptions Options(string certificate, string? key = null, string? password = null, string? authority = null) => new()
    {
        Enabled = true,
        CertificatePath = certificate,
        KeyPath = key,
        Password = password,
        CertificateAuthorityPath = authority ?? _authority.PemPath,
    };

    private static IEnumerable<string> Failures(DistillTlsOptions options)
    {
        var result = new DistillTlsOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        return result.Failed ? result.Failures : [];
    }
}
