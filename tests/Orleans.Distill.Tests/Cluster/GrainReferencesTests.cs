using Orleans.Distill.Grains;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>References made without the factory's per-call reflection name the same grains it names, from every silo and the client.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    private readonly string _p = "r" + Guid.NewGuid().ToString("N")[..8] + "-";

    [Fact]
    public async Task Reference_NamesTheGrainTheFactoryNames_ForStringAndIntegerKeys()
    {
        foreach (var grains in fixture.Clients)
        {
            foreach (var key in new[] { _p + "a", "account with spaces", "ümlaut" })
            {
                AssertSame(grains.GetGrain<IAccountGrain>(key), grains.Reference<IAccountGrain>(key));
                AssertSame(grains.GetGrain<IEntityGrain>(key), grains.Reference<IEntityGrain>(key));
            }

            foreach (var key in new long[] { 0, 3, long.MaxValue })
            {
                AssertSame(grains.GetGrain<IWatermarkGrain>(key), grains.Reference<IWatermarkGrain>(key));
                AssertSame(grains.GetGrain<IComponentIndexGrain>(key), grains.Reference<IComponentIndexGrain>(key));
            }
        }

        // And it is the same activation: what the pipeline wrote (through references) the factory's reference reads.
        await fixture.Pipeline().IngestAsync([Payment(_p + "alice", _p + "card")]);
        var read = await fixture.Cluster.Client.GetGrain<IAccountGrain>(_p + "alice").Get();
        Assert.NotNull(read);
        Assert.Contains(read.Links, l => l.Other.EndsWith(_p + "card", StringComparison.Ordinal));
    }

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        var (e, a) = ((GrainReference)expected, (GrainReference)actual);
        Assert.Equal(e.GrainId, a.GrainId);
        Assert.Equal(e.InterfaceType, a.InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
    }
}
