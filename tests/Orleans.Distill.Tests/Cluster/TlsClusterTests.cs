using Orleans.Distill.Storage;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Distill.Cli.Load;
using Orleans.Distill.Host.Hosting;
using Orleans.Distill.Security;
using Orleans.Runtime;
using Orleans.TestingHost;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// Silos and clients on TLS: calls between silos and through the gateway work with the cluster's certificates, and
/// a silo or client without one the cluster's authority issued gets no connection at all.
/// </summary>
public sealed class TlsClusterTests(TlsClusterFixture fixture) : IClassFixture<TlsClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private TestCluster Cluster => fixture.Cluster;

    private IPEndPoint Gateway => Cluster.Primary!.GatewayAddress!.Endpoint;

    [Fact]
    public async Task SilosJoinOverTls_AndGrainCallsBetweenThemSucceed()
    {
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        var active = (await management.GetHosts(onlyActive: true)).Keys;
        Assert.All(Cluster.Silos, silo => Assert.Contains(silo.SiloAddress, active));

        // One card glues 40 accounts: their grains are spread over the silos, and merging them calls across.
        var accounts = Enumerable.Range(0, 40).Select(i => $"tls-ring{i}").ToList();
        await TestGraph.Pipeline(Cluster.Client).IngestAsync([.. accounts.Select(a => Payment(a, "tls-ring-card"))]);

        foreach (var silo in Cluster.Silos.Cast<InProcessSiloHandle>())
        {
            var queries = TestGraph.Queries(silo.SiloHost.Services.GetRequiredService<IGrainFactory>());
            var components = new HashSet<string>();
            foreach (var account in accounts)
            {
                components.Add((await queries.GetAccountAsync(account))!.Component);
            }

            Assert.Single(components);
        }

        var hosting = (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains("AccountGrain", StringComparison.Ordinal) && s.ActivationCount > 0)
            .Select(s => s.SiloAddress)
            .ToHashSet();
        Assert.True(hosting.Count > 1, $"all account grains are on {string.Join(", ", hosting)}: no call had to cross between silos");
    }

    [Fact]
    public async Task AGatewayClient_WithACertificateOfTheClusterAuthority_CallsGrains()
    {
        using var certificates = ClusterCertificates.Load(fixture.Tls(fixture.Authority, "load client", TlsRole.Client), TlsRole.Client);
        await using var client = await ConnectAsync(certificates);

        await TestGraph.Pipeline(client.Grains).IngestAsync([Payment("tls-load-a", "tls-load-card"), Payment("tls-load-b", "tls-load-card")]);

        var queries = TestGraph.Queries(Cluster.Client);
        Assert.Equal((await queries.GetAccountAsync("tls-load-a"))!.Component, (await queries.GetAccountAsync("tls-load-b"))!.Component);
    }

    [Fact]
    public async Task TheGateway_RefusesAClientWhoseCertificateAStrangerIssued()
    {
        // The stranger trusts the cluster's authority too: only the gateway's check stands in its way.
        using var certificates = ClusterCertificates.Load(fixture.Tls(fixture.Stranger, "stranger client", TlsRole.Client, fixture.BothAuthorities()), TlsRole.Client);

        await AssertRefusedAsync(() => ConnectAsync(certificates));
    }

    [Fact]
    public async Task TheGateway_RefusesAClientWithoutTls()
    {
        await AssertRefusedAsync(() => ConnectAsync(null));
    }

    [Fact]
    public async Task AClient_RefusesAGatewayThatDoesNotPresentWhatItTrusts()
    {
        // Issued by the cluster's authority, so the gateway would admit it; but without an authority of its own the
        // client admits only its very certificate, which the gateway does not present.
        using var certificates = ClusterCertificates.Load(fixture.Tls(fixture.Authority, "pinned client", TlsRole.Client, trustPath: ""), TlsRole.Client);

        await AssertRefusedAsync(() => ConnectAsync(certificates));
    }

    [Fact]
    public async Task ASilo_WithACertificateOfTheClusterAuthority_Joins()
    {
        using var silo = BuildSilo(TlsClusterFixture.Settings(fixture.Tls(fixture.Authority, "fourth silo", TlsRole.Silo)));
        await silo.StartAsync().WaitAsync(Patience);
        try
        {
            var address = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            Assert.Contains(address, (await Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys);
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task ASilo_WithACertificateAStrangerIssued_CannotJoin()
    {
        var settings = TlsClusterFixture.Settings(fixture.Tls(fixture.Stranger, "stranger silo", TlsRole.Silo, fixture.BothAuthorities()));
        using var silo = BuildSilo(settings);
        var endpoint = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint;

        await AssertRefusedAsync(() => silo.StartAsync());

        var members = (await Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false)).Keys;
        Assert.DoesNotContain(members, m => m.Endpoint.Equals(endpoint));
    }

    private Task<GatewayClient> ConnectAsync(ClusterCertificates? certificates)
    {
        using var limit = new CancellationTokenSource(Patience);
        return GatewayClient.ConnectAsync(Gateway, Cluster.Options.ServiceId, Cluster.Options.ClusterId, certificates, limit.Token);
    }

    /// <summary>A silo set up as the fixture's are, for the cluster's primary, with <paramref name="tls"/>.</summary>
    private IHost BuildSilo(Dictionary<string, string?> tls)
    {
        var (siloPort, gatewayPort) = Cluster.PortAllocator.AllocateConsecutivePortPairs(1);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(tls);
        builder.UseOrleans(silo =>
        {
            silo.UseDevelopmentClustering(Cluster.Primary!.SiloAddress.Endpoint);
            silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (Cluster.Options.ServiceId, Cluster.Options.ClusterId));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            // A refused silo gives up after this instead of Orleans' five minutes.
            silo.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(10));
            silo.AddDistillMemoryStorage(StorageNames.Graph).AddTestGraph().UseDistillTls(builder.Configuration);
        });
        return builder.Build();
    }

    /// <summary>Fails if <paramref name="attempt"/> succeeds, or is still trying after <see cref="Patience"/>.</summary>
    private static async Task AssertRefusedAsync<T>(Func<Task<T>> attempt)
    {
        var refusal = await Record.ExceptionAsync(() => attempt().WaitAsync(Patience));
        Assert.NotNull(refusal);
        Assert.IsNotType<TimeoutException>(refusal);
        Assert.IsNotAssignableFrom<OperationCanceledException>(refusal);
    }

    private static Task AssertRefusedAsync(Func<Task> attempt) => AssertRefusedAsync(async () =>
    {
        await attempt();
        return true;
    });
}
