using Orleans.Distill.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;
using Orleans.Distill.Tests.Detection;
using Orleans.TestingHost;

namespace Orleans.Distill.Tests.Risk;

/// <summary>
/// Two silos whose client's calls <see cref="Stuck"/> can hold or fail, and a ring of 40 accounts on two cards and
/// one range, scored and denied, for risk checks to meet.
/// </summary>
public sealed class RiskDeadlineFixture : IAsyncLifetime
{
    public const string Prefix = "rd-";

    public static readonly string Range = $"198.18.9.0/24-{Prefix}";

    public static readonly string Card = $"{Prefix}card0";

    /// <summary>A new account on the ring's range and one of its cards.</summary>
    public static readonly SignupCheck RingSignup = new(
    [
        NodeKey.Entity(EntityKind.IpRange, Range),
        NodeKey.Entity(EntityKind.Instrument, Card),
    ]);

    /// <summary>
    /// Verdicts are not remembered here: these tests hold a read and look at what the rest decides, and a ring
    /// remembered on its accounts and burned on its cards would decide every held case on its own.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Forgetful = new Dictionary<string, string?>
    {
        ["Distill:Detection:RememberFor"] = "00:00:00",
    };

    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?>? more = null) =>
        TestGraph.Configuration(more is null ? Forgetful : new Dictionary<string, string?>(Forgetful.Concat(more)));

    public StuckCalls Stuck { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The ring's component.</summary>
    public string Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddDistillMemoryStorage(StorageNames.Graph).AddTestGraph(Configuration()));
        builder.ConfigureClient(client => client.AddOutgoingGrainCallFilter(Stuck));
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        await TestGraph.Pipeline(Cluster.Client, Configuration()).IngestAsync(Populations.Ring(Prefix, 40, 2, [Range]));
        await Eventually.WaitUntilAsync(async () => (await TestGraph.Queries(Cluster.Client, Configuration()).GetAccountAsync(Prefix + "ring0"))?.Assessment.Decision == Decision.Deny,
            TimeSpan.FromSeconds(120), "the ring to be denied");
        Root = (await TestGraph.Queries(Cluster.Client, Configuration()).GetAccountAsync(Prefix + "ring0"))!.Component;

        // Every grain the tests' checks read is activated now, so that only the reads a test holds can miss a deadline.
        var risk = TestGraph.Risk(Cluster.Client, Configuration());
        await risk.CheckSignupAsync(RingSignup, risk.StartDeadline());
        for (var i = 0; i < 10; i++)
        {
            await risk.CheckAccountAsync($"{Prefix}ring{i}", risk.StartDeadline());
        }
    }

    public async Task DisposeAsync()
    {
        Stuck.ReleaseAll();
        await Cluster.DisposeAsync();
    }
}

/// <summary>
/// Run alone, after the collections that run in parallel: a check's deadline is wall-clock time, and the reads a
/// test does not hold must finish within it whatever else the machine is doing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RiskDeadlineCollection : ICollectionFixture<RiskDeadlineFixture>
{
    public const string Name = "risk-deadline";
}
