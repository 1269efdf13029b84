using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Distill.Detection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Queries;
using Orleans.TestingHost;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>Three silos on the in-memory transport with in-memory grain storage, shared by the cluster tests.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public static IOptions<GraphOptions> GraphOptions => TestGraph.Graph;

    /// <summary>A grain factory inside each silo, and the external client: the "several clients" of the tests.</summary>
    public IReadOnlyList<IGrainFactory> Clients =>
        [.. Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()), Cluster.Client];

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Silos);
        var detection = Detection;
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(StorageNames.Graph)
            .AddDistillDetection(detection, TestGraph.Scoring.Value, TestGraph.Graph.Value));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>The hub rules and window the silos run with.</summary>
    public virtual DetectionOptions Detection => TestGraph.Detection.Value;

    public IngestPipeline Pipeline(IGrainFactory? grains = null) =>
        new(grains ?? Cluster.Client, TestGraph.Graph, Options.Create(Detection), NullLogger<IngestPipeline>.Instance);

    public GraphQueries Queries(IGrainFactory? grains = null) =>
        new(grains ?? Cluster.Client, TestGraph.Graph, Options.Create(Detection), TestGraph.Scoring);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
