using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Distill.Storage;
using Orleans.Distill.Tests.Storage;
using Orleans.Storage;

namespace Orleans.Distill.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server) : GrainStorageContract
{
    private NpgsqlDataSource _dataSource = null!;

    public override async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await PostgresSchema.MigrateAsync(_dataSource);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    protected override async Task<IGrainStorage> OpenAsync()
    {
        var options = new PostgresGrainStorageOptions { ConnectionString = _dataSource.ConnectionString };
        var storage = new PostgresGrainStorage("test", options, _dataSource, Serializer, NullLogger<PostgresGrainStorage>.Instance);
        await storage.Start(CancellationToken.None);
        return storage;
    }

    protected override Task CloseAsync(IGrainStorage storage) => ((PostgresGrainStorage)storage).Stop(CancellationToken.None);

    [Fact]
    public async Task Migrate_IsIdempotent_AndLeavesEveryTable()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.MigrateAsync(_dataSource)));
        Assert.Empty(await PostgresSchema.MissingTablesAsync(_dataSource));
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM orleansquery");
        Assert.Equal(10L, await command.ExecuteScalarAsync());
    }
}
