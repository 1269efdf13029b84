using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Grains;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Queries;
using Orleans.Distill.Storage;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.TestingHost;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// Three silos sharing one durable SQLite file. A join is interrupted the way a crash would leave it —
/// the lower root has written its parent and "pending", the higher root never adopted it — and a fresh
/// cluster on the same file must finish the join exactly once.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "distill-crash-" + Guid.NewGuid().ToString("N"));

    // The test fabricates a join no link calls for; a rebuild would rightly split it again. This is about the forest.
    private static readonly IConfiguration NoRebuilds = TestGraph.Configuration(new Dictionary<string, string?> { ["Distill:Detection:RunRebuilds"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        var data = _data;
        builder.ConfigureSilo((_, silo) => silo.AddDistillSqliteStorage(StorageNames.Graph, o =>
        {
            o.DataDirectory = data;
            o.Synchronous = "NORMAL";
        }).AddTestGraph(NoRebuilds));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    [Fact]
    public async Task InterruptedJoin_IsFinishedOnceAfterRestart()
    {
        string low, high, lowAccount;
        GrainId lowGrain;
        await using (var cluster = await StartClusterAsync())
        {
            var pipeline = TestGraph.Pipeline(cluster.Client, NoRebuilds);
            await pipeline.IngestAsync([Payment("crash-a", "crash-card1"), Payment("crash-b", "crash-card2"), Usage("crash-b", device: "crash-dev")]);
            var queries = TestGraph.Queries(cluster.Client, NoRebuilds);
            var a = (await queries.GetAccountAsync("crash-a"))!.Component;
            var b = (await queries.GetAccountAsync("crash-b"))!.Component;
            (low, high) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
            lowAccount = low == a ? "crash-a" : "crash-b";
            lowGrain = cluster.Client.GetGrain<IComponentGrain>(low).GetGrainId();
            await cluster.StopAllSilosAsync();
        }

        // What a silo crash between the two writes of a join leaves on disk.
        await EditComponentAsync(lowGrain, state =>
        {
            state.Parent = high;
            state.Pending = true;
        });

        await using (var cluster = await StartClusterAsync())
        {
            var queries = TestGraph.Queries(cluster.Client, NoRebuilds);
            Assert.Equal(high, (await queries.GetAccountAsync(lowAccount))!.Component);
            var component = await queries.GetComponentAsync(high);
            Assert.Equal(["crash-a", "crash-b"], component!.Accounts);
            Assert.Equal(["device:crash-dev", "instrument:crash-card1", "instrument:crash-card2"], component.Entities);
            Assert.Equal((2L, 3L), (component.Aggregate.Accounts, component.Aggregate.Entities));

            // The link that caused the join arrives again: nothing is counted twice.
            var pipeline = TestGraph.Pipeline(cluster.Client, NoRebuilds);
            await pipeline.IngestAsync([Payment("crash-a", "crash-card2"), Payment("crash-b", "crash-card1")]);
            component = await queries.GetComponentAsync((await queries.GetAccountAsync("crash-a"))!.Component);
            Assert.Equal(high, component!.Id);
            Assert.Equal((2L, 3L), (component.Aggregate.Accounts, component.Aggregate.Entities));
            await cluster.StopAllSilosAsync();
        }
    }

    private async Task EditComponentAsync(GrainId grain, Action<ComponentState> edit)
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var storage = new SqliteGrainStorage(
            "edit", new SqliteGrainStorageOptions { DataDirectory = _data, Synchronous = "NORMAL" }, serializer, NullLogger<SqliteGrainStorage>.Instance);
        await storage.Start(CancellationToken.None);
        var state = new GrainState<ComponentState>(new ComponentState());
        await storage.ReadStateAsync("component", grain, state);
        Assert.True(state.RecordExists);
        Assert.Null(state.State!.Parent);
        edit(state.State);
        await storage.WriteStateAsync("component", grain, state);
        await storage.Stop(CancellationToken.None);
    }
}
