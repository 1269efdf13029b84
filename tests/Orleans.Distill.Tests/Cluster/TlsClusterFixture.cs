using Orleans.Distill.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.Distill.Cli.Load;
using Orleans.Distill.Host.Hosting;
using Orleans.Distill.Security;
using Orleans.Distill.Tests.Host;
using Orleans.Distill.Tests.Security;
using Orleans.TestingHost;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// Three silos on real TCP sockets with <c>Distill:Tls</c> on, wired as the host wires them
/// (<see cref="SiloTlsExtensions.UseDistillTls"/>): PEM certificate, key and authority, as Kubernetes mounts them.
/// Their client holds a PKCS#12 certificate of the same authority and connects as <c>load</c> does. A second
/// authority issues the certificates of strangers.
/// </summary>
public sealed class TlsClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    public const string Password = "client-pfx-password";

    /// <summary>Where the test cluster's client finds its own certificate in the configuration.</summary>
    public const string ClientSection = "TestClient:Tls";

    private readonly TempFolder _folder = new("distill-tls-cluster");

    public TestCluster Cluster { get; private set; } = null!;

    public TestAuthority Authority { get; private set; } = null!;

    public TestAuthority Stranger { get; private set; } = null!;

    /// <summary>The silos' settings: <c>Distill:Tls</c> with PEM files.</summary>
    public Dictionary<string, string?> SiloSettings { get; } = [];

    public async Task InitializeAsync()
    {
        Authority = TestAuthority.Create("cluster CA", _folder.Path);
        Stranger = TestAuthority.Create("stranger CA", _folder.Path);
        using var silo = Authority.Issue("orleans-distill silo");
        var (certificate, key) = Authority.WritePem(silo, "silo");
        SiloSettings["Distill:Tls:Enabled"] = "true";
        SiloSettings["Distill:Tls:CertificatePath"] = certificate;
        SiloSettings["Distill:Tls:KeyPath"] = key;
        SiloSettings["Distill:Tls:CertificateAuthorityPath"] = Authority.PemPath;

        var builder = new TestClusterBuilder(Silos);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        foreach (var (setting, value) in SiloSettings)
        {
            builder.Properties[setting] = value;
        }

        var client = Tls(Authority, "test client", TlsRole.Client);
        builder.Properties[$"{ClientSection}:CertificatePath"] = client.CertificatePath;
        builder.Properties[$"{ClientSection}:Password"] = client.Password;
        builder.Properties[$"{ClientSection}:CertificateAuthorityPath"] = client.CertificateAuthorityPath;
        builder.AddSiloBuilderConfigurator<TlsSilo>();
        builder.AddClientBuilderConfigurator<TlsClient>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Authority.Dispose();
        Stranger.Dispose();
        _folder.Dispose();
    }

    /// <summary>
    /// Settings for a certificate <paramref name="issuer"/> issues, in a PKCS#12 file, trusting the authorities in
    /// <paramref name="trustPath"/> (the cluster's unless said otherwise; empty trusts only the certificate itself).
    /// </summary>
    public DistillTlsOptions Tls(TestAuthority issuer, string name, TlsRole role, string? trustPath = null)
    {
        using var certificate = issuer.Issue(name, usages: role == TlsRole.Client ? ["1.3.6.1.5.5.7.3.2"] : null);
        return new DistillTlsOptions
        {
            Enabled = true,
            CertificatePath = issuer.WritePfx(certificate, name.Replace(' ', '-'), Password),
            Password = Password,
            CertificateAuthorityPath = trustPath ?? Authority.PemPath,
        };
    }

    /// <summary>
    /// A PEM file trusting both the cluster's authority and the stranger's: a stranger that trusts the cluster gets
    /// through its own checks and is refused by the cluster's alone.
    /// </summary>
    public string BothAuthorities()
    {
        var path = Path.Combine(_folder.Path, "both-ca.crt");
        File.WriteAllLines(path, [File.ReadAllText(Authority.PemPath), File.ReadAllText(Stranger.PemPath)]);
        return path;
    }

    /// <summary><paramref name="tls"/> as the host's configuration keys.</summary>
    public static Dictionary<string, string?> Settings(DistillTlsOptions tls) => new()
    {
        ["Distill:Tls:Enabled"] = tls.Enabled.ToString(),
        ["Distill:Tls:CertificatePath"] = tls.CertificatePath,
        ["Distill:Tls:KeyPath"] = tls.KeyPath,
        ["Distill:Tls:Password"] = tls.Password,
        ["Distill:Tls:CertificateAuthorityPath"] = tls.CertificateAuthorityPath,
    };

    /// <summary>A silo of the cluster: the graph on memory storage, and TLS from the settings, as the host does it.</summary>
    public sealed class TlsSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddDistillMemoryStorage(StorageNames.Graph).AddTestGraph().UseDistillTls(silo.Configuration);
    }

    /// <summary>The cluster's client, over TLS as <c>load</c> connects.</summary>
    public sealed class TlsClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseDistillTls(ClusterCertificates.Load(configuration.GetSection(ClientSection).Get<DistillTlsOptions>()!, TlsRole.Client));
    }
}
