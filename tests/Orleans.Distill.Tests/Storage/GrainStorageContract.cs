using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Storage;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Distill.Tests.Storage;

[GenerateSerializer]
public sealed class TestState
{
    [Id(0)] public int Value { get; set; }
    [Id(1)] public List<string> Items { get; set; } = [];
}

/// <summary>What every grain storage provider of the project must do; each provider's tests derive from it.</summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    protected Serializer Serializer { get; } = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    protected IGrainStorage Storage { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Storage = await OpenAsync();

    public virtual Task DisposeAsync() => CloseAsync(Storage);

    /// <summary>Opens the provider on the same database every time.</summary>
    protected abstract Task<IGrainStorage> OpenAsync();

    protected abstract Task CloseAsync(IGrainStorage storage);

    protected static GrainId Id(string key) => GrainId.Create("test", key);

    [Fact]
    public async Task WriteThenRead_RoundTripsStateAndETag()
    {
        var state = new GrainState<TestState>(new TestState { Value = 7, Items = ["a", "b"] });
        await Storage.WriteStateAsync("s", Id("k"), state);

        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync("s", Id("k"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(7, read.State!.Value);
        Assert.Equal(["a", "b"], read.State!.Items);
    }

    [Fact]
    public async Task TheCatalog_ListsEveryGrainOfAStateOnce_AcrossPages_AndNoneOfAnother()
    {
        var keys = Enumerable.Range(0, 2_345).Select(i => $"cat-{i:x}").ToList();
        await Task.WhenAll(keys.Select(k => Storage.WriteStateAsync("listed", Id(k), new GrainState<TestState>(new TestState()))));
        await Storage.WriteStateAsync("other", Id("cat-other"), new GrainState<TestState>(new TestState()));
        var cleared = new GrainState<TestState>(new TestState());
        await Storage.WriteStateAsync("listed", Id("cat-cleared"), cleared);
        await Storage.ClearStateAsync("listed", Id("cat-cleared"), cleared);

        var listed = new List<GrainId>();
        await foreach (var id in ((IGrainStateCatalog)Storage).ListAsync("listed", CancellationToken.None))
        {
            listed.Add(id);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(id => id.Key.ToString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MissingRecord_ReadsAsNewState()
    {
        var read = new GrainState<TestState>(null!);
        await Storage.ReadStateAsync("s", Id("absent"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
    }

    [Fact]
    public async Task StaleETag_IsRejectedAndDoesNotOverwrite()
    {
        var first = new GrainState<TestState>(new TestState { Value = 1 });
        await Storage.WriteStateAsync("s", Id("k"), first);
        var stale = new GrainState<TestState>(new TestState { Value = 99 }) { ETag = first.ETag };
        first.State!.Value = 2;
        await Storage.WriteStateAsync("s", Id("k"), first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("s", Id("k"), stale));
        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync("s", Id("k"), read);
        Assert.Equal(2, read.State!.Value);
    }

    [Fact]
    public async Task SecondInsertOfNewRecord_IsAConflict()
    {
        await Storage.WriteStateAsync("s", Id("k"), new GrainState<TestState>(new TestState { Value = 1 }));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync("s", Id("k"), new GrainState<TestState>(new TestState { Value = 2 })));
    }

    [Fact]
    public async Task ConflictAmongConcurrentWrites_FailsOnlyThatWrite()
    {
        await Storage.WriteStateAsync("s", Id("taken"), new GrainState<TestState>(new TestState { Value = 1 }));
        var writes = Enumerable.Range(0, 50).Select(i => Storage.WriteStateAsync("s", Id($"b{i}"), new GrainState<TestState>(new TestState { Value = i }))).ToList();
        var conflict = Storage.WriteStateAsync("s", Id("taken"), new GrainState<TestState>(new TestState { Value = 2 }));

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflict);
        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync("s", Id("b49"), read);
        Assert.Equal(49, read.State!.Value);
    }

    [Fact]
    public async Task ManyConcurrentWrites_AreAllCommitted_AndSurviveReopen()
    {
        var states = Enumerable.Range(0, 2000).Select(i => new GrainState<TestState>(new TestState { Value = i })).ToArray();
        await Task.WhenAll(states.Select((s, i) => Storage.WriteStateAsync("s", Id($"g{i}"), s)));
        await Task.WhenAll(states.Select((s, i) => { s.State!.Value += 10_000; return Storage.WriteStateAsync("s", Id($"g{i}"), s); }));

        await CloseAsync(Storage);
        Storage = await OpenAsync();

        for (var i = 0; i < states.Length; i += 97)
        {
            var read = new GrainState<TestState>(new TestState());
            await Storage.ReadStateAsync("s", Id($"g{i}"), read);
            Assert.Equal(i + 10_000, read.State!.Value);
            Assert.Equal("2", read.ETag);
        }
    }

    [Fact]
    public async Task Clear_RemovesTheRecord()
    {
        var state = new GrainState<TestState>(new TestState { Value = 3 });
        await Storage.WriteStateAsync("s", Id("k"), state);
        await Storage.ClearStateAsync("s", Id("k"), state);

        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync("s", Id("k"), read);
        Assert.False(read.RecordExists);
    }
}
