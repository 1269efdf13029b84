using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Distill.Storage;
using Orleans.Distill.Tests.Storage;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Distill.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server) : IAsyncLifetime
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private NpgsqlDataSource _dataSource = null!;
    private PostgresGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await PostgresSchema.MigrateAsync(_dataSource);
        _storage = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        await _storage.Stop(CancellationToken.None);
        await _dataSource.DisposeAsync();
    }

    private async Task<PostgresGrainStorage> OpenAsync()
    {
        var options = new PostgresGrainStorageOptions { ConnectionString = _dataSource.ConnectionString };
        var storage = new PostgresGrainStorage("test", options, _dataSource, _serializer, NullLogger<PostgresGrainStorage>.Instance);
        await storage.Start(CancellationToken.None);
        return storage;
    }

    private static GrainId Id(string key) => GrainId.Create("test", key);

    [Fact]
    public async Task Migrate_IsIdempotent_AndLeavesEveryTable()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.MigrateAsync(_dataSource)));
        Assert.Empty(await PostgresSchema.MissingTablesAsync(_dataSource));
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM orleansquery");
        Assert.Equal(10L, await command.ExecuteScalarAsync());
    }

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
    public async Task ConflictInABatch_FailsOnlyThatWrite()
    {
        await _storage.WriteStateAsync("s", Id("taken"), new GrainState<TestState>(new TestState { Value = 1 }));
        var writes = Enumerable.Range(0, 50).Select(i => _storage.WriteStateAsync("s", Id($"b{i}"), new GrainState<TestState>(new TestState { Value = i }))).ToList();
        var conflict = _storage.WriteStateAsync("s", Id("taken"), new GrainState<TestState>(new TestState { Value = 2 }));

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflict);
        var read = new GrainState<TestState>(new TestState());
        await _storage.ReadStateAsync("s", Id("b49"), read);
        Assert.Equal(49, read.State!.Value);
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
