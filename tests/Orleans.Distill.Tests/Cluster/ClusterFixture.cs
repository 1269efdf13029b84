using Orleans.Distill.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Detection;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Queries;
using Orleans.TestingHost;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>Three silos on the in-memory transport with in-memory grain storage, shared by the cluster tests.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>A grain factory inside each silo, and the external client: the "several clients" of the tests.</summary>
    public IReadOnlyList<IGrainFactory> Clients =>
        [.. Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()), Cluster.Client];

    /// <summary>What the silos and the clients run with.</summary>
    public IConfiguration Configuration { get; }

    public ClusterFixture() => Configuration = TestGraph.Configuration(Overrides);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Silos);
        var configuration = Configuration;
        builder.ConfigureSilo((_, silo) => silo.AddDistillMemoryStorage(StorageNames.Graph).AddTestGraph(configuration));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Settings beyond <see cref="TestGraph.Settings"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>();

    /// <summary>The hub rules and window the silos run with.</summary>
    public DetectionOptions Detection => TestGraph.Options<DetectionOptions>(Configuration);

    public IngestPipeline Pipeline(IGrainFactory? grains = null) => TestGraph.Pipeline(grains ?? Cluster.Client, Configuration);

    public GraphQueries Queries(IGrainFactory? grains = null) => TestGraph.Queries(grains ?? Cluster.Client, Configuration);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
