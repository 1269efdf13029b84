using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Distill.Storage;
using Orleans.Storage;

namespace Orleans.Distill.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "distill-sqlite-" + Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override async Task<IGrainStorage> OpenAsync()
    {
        var storage = new SqliteGrainStorage(
            "test", new SqliteGrainStorageOptions { DataDirectory = _directory, Synchronous = "NORMAL" }, Serializer, NullLogger<SqliteGrainStorage>.Instance);
        await storage.Start(CancellationToken.None);
        return storage;
    }

    protected override Task CloseAsync(IGrainStorage storage) => ((SqliteGrainStorage)storage).Stop(CancellationToken.None);
}
