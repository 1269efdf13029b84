using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;
using Orleans.Distill.Storage;
using Orleans.Distill.Tests.Detection;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orleans.Distill.Tests.Storage;

/// <summary>
/// The memory storage the embedded host runs on reads back what the grains wrote: a component's scored state, as
/// the scorer builds it, after its grain has gone. Its records are kept by grains across the cluster, so a real one.
/// </summary>
public sealed class MemoryGrainStorageTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddDistillMemoryStorage(StorageNames.Graph));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AScoredComponent_ReadsBackAsItWasWritten()
    {
        var storage = _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Graph);
        var scorer = new RiskScorer(new ScoringOptions());
        var profiles = Enumerable.Range(0, 6).Select(i => Puppets.Profile($"mem{i}", "instrument:tok_mem", $"device:dev{i % 2}"))
            .ToDictionary(p => "account:" + p.Account);
        var features = ComponentPartition.HubFeatures("instrument:tok_mem", profiles.Values, new DetectionOptions());
        var assessment = scorer.Score(features);
        Assert.NotEmpty(assessment.Reasons);
        var written = new ComponentState
        {
            Initialized = true,
            Members = [.. profiles.Keys],
            Assessment = new ComponentAssessment
            {
                Assessment = assessment,
                Features = features,
                ExpiresAt = TestEvents.T0.AddDays(30),
                Version = 3,
                Accounts = new Dictionary<string, Assessment> { ["account:mem0"] = scorer.Score(ComponentPartition.HubFeatures("device:dev0", [profiles["account:mem0"]], new DetectionOptions())) },
            },
        };

        var id = GrainId.Create("component", "c-00000000000000aa");
        await storage.WriteStateAsync("component", id, new GrainState<ComponentState>(written));
        var read = new GrainState<ComponentState>(new ComponentState());
        await storage.ReadStateAsync("component", id, read);

        var back = read.State!.Assessment!;
        Assert.Equal(assessment.Score, back.Assessment.Score);
        Assert.Equal(assessment.Reasons, back.Assessment.Reasons);
        Assert.Equal(written.Assessment.Accounts["account:mem0"].Reasons, back.Of("account:mem0").Reasons);
        Assert.Equal(written.Members.Order(), read.State.Members.Order());
    }

    [Fact]
    public void ReasonsAsScoredAndRemembered_AreOfATypeWithACodec()
    {
        // A list type without a codec is written through a fallback after a reflective search on every write.
        var codecs = _cluster.Silos[0].ServiceProvider.GetRequiredService<ICodecProvider>();
        var scored = new RiskScorer(new ScoringOptions()).Score(
            ComponentPartition.HubFeatures("instrument:tok_codec", [.. Enumerable.Range(0, 6).Select(i => Puppets.Profile($"codec{i}", "instrument:tok_codec"))], new DetectionOptions()));
        var remembered = new RememberedVerdict(scored.Decision, scored.Score, TestEvents.T0, TestEvents.T0, "c-1", [.. scored.Reasons, new Reason("extra", 1, 0)]);
        Assessment[] assessments = [scored, remembered.ToAssessment(), scored with { Reasons = [new Reason("one", 1, 1)] }, Assessment.Unscored];

        Assert.NotEmpty(scored.Reasons);
        Assert.All(assessments.Select(a => a.Reasons.GetType()).Append(remembered.Reasons.GetType()), type => Assert.NotNull(codecs.TryGetCodec(type)));
        Assert.Equal([.. scored.Reasons, new Reason("extra", 1, 0)], remembered.Reasons);
    }
}
