using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Grains;
using Orleans.Distill.Retention;
using Orleans.Distill.Scoring;
using Orleans.Distill.Storage;
using Orleans.TestingHost;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Privacy;

/// <summary>
/// Retention on a real cluster: a ring glued only by a card last seen long ago is swept, on both ends of each link,
/// and the component that card held together splits; what was seen recently stays. Memory storage (each silo sweeps
/// what it wrote) and one SQLite file shared by the silos (one catalog for the cluster).
/// </summary>
public sealed class RetentionSweepTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "distill-retention-" + Guid.NewGuid().ToString("N"));

    // Every link glues whatever its age, so only retention can take the card's links away.
    private static readonly IConfiguration Settings = TestGraph.Configuration(new Dictionary<string, string?>
    {
        ["Distill:Detection:Window"] = "00:00:00",
        ["Distill:Retention:Links"] = "90.00:00:00",
        ["Distill:Retention:Usage"] = "90.00:00:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task ASweep_DeletesOldLinksAndUsage_OnBothEnds_AndTheRingTheyHeldSplits(string storage)
    {
        var builder = new InProcessTestClusterBuilder(2);
        var data = _data;
        builder.ConfigureSilo((_, silo) => (storage == "memory"
            ? silo.AddDistillMemoryStorage(StorageNames.Graph)
            : silo.AddDistillSqliteStorage(StorageNames.Graph, o => (o.DataDirectory, o.Synchronous) = (data, "NORMAL"))).AddTestGraph(Settings));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var pipeline = TestGraph.Pipeline(cluster.Client, Settings);
        var queries = TestGraph.Queries(cluster.Client, Settings);

        string[] ring = ["ret-r1", "ret-r2", "ret-r3", "ret-r4"];
        await pipeline.IngestAsync([.. ring.SelectMany(a => new[] { Payment(a, "tok_ret_old", T0), Usage(a, T0, requests: 5) })]);
        await pipeline.IngestAsync([
            Usage("ret-r1", T0.AddDays(120), ipRange: "203.0.113.0/24", requests: 7),
            Signup("ret-late", "198.51.100.0/24", T0.AddDays(120)),
        ]);
        await Eventually.WaitUntilAsync(async () => await SameComponentAsync(queries, ring), TimeSpan.FromSeconds(30), "the card to glue the ring");
        // A second card, once denied: what fraud prevention keeps past retention (docs/data-policy.md).
        await pipeline.IngestAsync([Payment("ret-r4", "tok_ret_burned", T0)]);
        await cluster.Client.GetGrain<IEntityGrain>("instrument:tok_ret_burned").Burn(
            new RememberedVerdict(Decision.Deny, 0.9, T0, T0.AddDays(100), "c-ring", []));

        var reports = new List<RetentionSweepReport>();
        foreach (var silo in cluster.Silos)
        {
            reports.Add(await silo.ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None));
        }

        // Cut 90 days behind the newest event (T0 + 120 days): the card's links are 120 days old.
        Assert.All(reports, r => Assert.Equal(T0.AddDays(30), r.Cutoffs.LinksBefore));
        Assert.Equal(ring.Length + 1, reports.Sum(r => r.LinksDropped));
        Assert.Equal(ring.Length + 1, reports.Sum(r => r.EntityLinksDropped));
        Assert.Equal(ring.Length, reports.Sum(r => r.AccountsWithUsageDropped));
        Assert.Null(await cluster.Client.GetGrain<IEntityGrain>("instrument:tok_ret_old").Get());
        var burned = await cluster.Client.GetGrain<IEntityGrain>("instrument:tok_ret_burned").GetInfo(T0.AddDays(120));
        Assert.Equal(Decision.Deny, burned?.Burned?.Decision);
        Assert.Equal(0, burned!.Accounts);

        var r1 = (await cluster.Client.GetGrain<IAccountGrain>("ret-r1").Get())!;
        Assert.Equal(["ip_range:203.0.113.0/24"], r1.Links.Select(l => l.Other));
        Assert.Equal(12, r1.Requests);
        var r2 = (await cluster.Client.GetGrain<IAccountGrain>("ret-r2").Get())!;
        Assert.Empty(r2.Links);
        Assert.Equal(0, r2.Requests);

        await Eventually.WaitUntilAsync(async () => !await SameComponentAsync(queries, ring[1..]), TimeSpan.FromSeconds(30), "the ring to split once its card's links are gone");

        // A second sweep finds nothing more to delete.
        var again = await cluster.Silos[0].ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal(0, again.LinksDropped + again.EntityLinksDropped + again.AccountsWithUsageDropped);
    }

    private static async Task<bool> SameComponentAsync(Queries.GraphQueries queries, IEnumerable<string> accounts)
    {
        var components = new HashSet<string>();
        foreach (var account in accounts)
        {
            components.Add((await queries.GetAccountAsync(account))!.Component);
        }

        return components.Count == 1;
    }
}
