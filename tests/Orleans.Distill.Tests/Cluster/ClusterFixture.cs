using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Queries;
using Orleans.TestingHost;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>Three silos on the in-memory transport with in-memory grain storage, shared by the cluster tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public static IOptions<GraphOptions> GraphOptions { get; } = Options.Create(new GraphOptions { IndexPartitions = 4 });

    /// <summary>A grain factory inside each silo, and the external client: the "several clients" of the tests.</summary>
    public IReadOnlyList<IGrainFactory> Clients =>
        [.. Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()), Cluster.Client];

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(StorageNames.Graph));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public IngestPipeline Pipeline(IGrainFactory? grains = null) =>
        new(grains ?? Cluster.Client, GraphOptions, NullLogger<IngestPipeline>.Instance);

    public GraphQueries Queries(IGrainFactory? grains = null) => new(grains ?? Cluster.Client, GraphOptions);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
