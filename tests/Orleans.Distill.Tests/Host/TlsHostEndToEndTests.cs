using System.Net;
using Orleans.Distill.Cli.Load;
using Orleans.Distill.Security;
using Orleans.Distill.Tests.Security;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Host;

/// <summary>
/// The real host with <c>Distill:Tls</c> on, PEM files as Kubernetes mounts them: its gateway serves a client
/// holding a certificate of the cluster's authority, as <c>load</c> connects, and no client without TLS.
/// </summary>
public sealed class TlsHostEndToEndTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-tls-host");
    private TestAuthority _authority = null!;
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _authority = TestAuthority.Create("cluster CA", _folder.Path);
        using var silo = _authority.Issue("orleans-distill silo");
        var (certificate, key) = _authority.WritePem(silo, "tls");
        _host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory",
            "--Distill:Tls:Enabled=true", $"--Distill:Tls:CertificatePath={certificate}", $"--Distill:Tls:KeyPath={key}",
            $"--Distill:Tls:CertificateAuthorityPath={_authority.PemPath}");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _authority.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task TheGateway_ServesAClientOfTheClusterAuthority_AndRefusesOneWithoutTls()
    {
        using var issued = _authority.Issue("load client", usages: ["1.3.6.1.5.5.7.3.2"]);
        var (certificate, key) = _authority.WritePem(issued, "client");
        using var certificates = ClusterCertificates.Load(
            new DistillTlsOptions { CertificatePath = certificate, KeyPath = key, CertificateAuthorityPath = _authority.PemPath }, TlsRole.Client);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var gateway = new IPEndPoint(IPAddress.Loopback, _host.GatewayPort);

        await using (var client = await GatewayClient.ConnectAsync(gateway, "orleans-distill", "distill-local", certificates, limit.Token))
        {
            await TestGraph.Pipeline(client.Grains).IngestAsync([Payment("tls-host-a", "tls-host-card"), Payment("tls-host-b", "tls-host-card")]);
            var queries = TestGraph.Queries(client.Grains);
            Assert.Equal((await queries.GetAccountAsync("tls-host-a"))!.Component, (await queries.GetAccountAsync("tls-host-b"))!.Component);
        }

        var refusal = await Record.ExceptionAsync(() => GatewayClient.ConnectAsync(gateway, "orleans-distill", "distill-local", null, limit.Token));
        Assert.NotNull(refusal);
        Assert.False(limit.IsCancellationRequested, "the plain client was still trying after 60 s instead of being refused");
    }
}
