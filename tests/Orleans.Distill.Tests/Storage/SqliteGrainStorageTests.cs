using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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

public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "distill-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private SqliteGrainStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await OpenAsync();

    public async Task DisposeAsync()
    {
        await _storage.Stop(CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<SqliteGrainStorage> OpenAsync()
    {
        var storage = new SqliteGrainStorage(
            "test", new SqliteGrainStorageOptions { DataDirectory = _directory, Synchronous = "NORMAL" }, _serializer, NullLogger<SqliteGrainStorage>.Instance);
        await storage.Start(CancellationToken.None);
        return storage;
    }

    private static GrainId Id(string key) => GrainId.Create("test", key);

    [Fact]
    public async Task WriteThenRead_RoundTripsStateAndETag()
    {
        var state = new GrainState<TestState>(new TestState { Value = 7, Items = ["a", "b"] });
        await _storage.WriteStateAsync("s", Id("k"), state);

        var read = new GrainState<TestState>(new TestState());
        await _storage.ReadStateAsync("s", Id("k"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(7, read.State!.Value);
        Assert.Equal(["a", "b"], read.State!.Items);
    }

    [Fact]
    public async Task MissingRecord_ReadsAsNewState()
    {
        var read = new GrainState<TestState>(null!);
        await _storage.ReadStateAsync("s", Id("absent"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
    }

    [Fact]
    public async Task StaleETag_IsRejectedAndDoesNotOverwrite()
    {
        var first = new GrainState<TestState>(new TestState { Value = 1 });
        await _storage.WriteStateAsync("s", Id("k"), first);
        var stale = new GrainState<TestState>(new TestState { Value = 99 }) { ETag = first.ETag };
        first.State!.Value = 2;
        await _storage.WriteStateAsync("s", Id("k"), first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("s", Id("k"), stale));
        var read = new GrainState<TestState>(new TestState());
        await _storage.ReadStateAsync("s", Id("k"), read);
        Assert.Equal(2, read.State!.Value);
    }

    [Fact]
    public async Task SecondInsertOfNewRecord_IsAConflict()
    {
        await _storage.WriteStateAsync("s", Id("k"), new GrainState<TestState>(new TestState { Value = 1 }));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteStateAsync("s", Id("k"), new GrainState<TestState>(new TestState { Value = 2 })));
    }

    [Fact]
    public async Task ManyConcurrentWrites_AreAllCommitted_AndSurviveReopen()
    {
        var states = Enumerable.Range(0, 2000).Select(i => new GrainState<TestState>(new TestState { Value = i })).ToArray();
        await Task.WhenAll(states.Select((s, i) => _storage.WriteStateAsync("s", Id($"g{i}"), s)));
        await Task.WhenAll(states.Select((s, i) => { s.State!.Value += 10_000; return _storage.WriteStateAsync("s", Id($"g{i}"), s); }));

        await _storage.Stop(CancellationToken.None);
        _storage = await OpenAsync();

        for (var i = 0; i < states.Length; i += 97)
        {
            var read = new GrainState<TestState>(new TestState());
            await _storage.ReadStateAsync("s", Id($"g{i}"), read);
            Assert.Equal(i + 10_000, read.State!.Value);
            Assert.Equal("2", read.ETag);
        }
    }

    [Fact]
    public async Task Clear_RemovesTheRecord()
    {
        var state = new GrainState<TestState>(new TestState { Value = 3 });
        await _storage.WriteStateAsync("s", Id("k"), state);
        await _storage.ClearStateAsync("s", Id("k"), state);

        var read = new GrainState<TestState>(new TestState());
        await _storage.ReadStateAsync("s", Id("k"), read);
        Assert.False(read.RecordExists);
    }
}
