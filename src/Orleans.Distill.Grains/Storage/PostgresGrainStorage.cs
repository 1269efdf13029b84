using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Distill.Storage;

/// <summary>
/// Grain storage in PostgreSQL, shared by every silo. Reads go straight to the database; writes are queued and
/// sent by one writer per silo as a single batch in one transaction (group commit), so a commit's round trip and
/// fsync are shared by every grain that wrote meanwhile. A write's task completes only after its commit.
/// Optimistic concurrency uses a per-row version as the ETag: a second activation of a grain (briefly possible
/// while the cluster notices a dead silo) cannot overwrite the first's state.
/// </summary>
public sealed partial class PostgresGrainStorage : IGrainStorage, IGrainStateCatalog, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const string InsertSql = "INSERT INTO distill_grain_state (state_name, grain_id, version, payload) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING";
    private const string UpdateSql = "UPDATE distill_grain_state SET version = version + 1, payload = $3 WHERE state_name = $1 AND grain_id = $2 AND version = $4";
    private const string DeleteSql = "DELETE FROM distill_grain_state WHERE state_name = $1 AND grain_id = $2 AND version = $3";

    private readonly string _name;
    private readonly PostgresGrainStorageOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Serializer _serializer;
    private readonly ILogger<PostgresGrainStorage> _logger;
    private readonly GroupCommitQueue _queue;

    public PostgresGrainStorage(string name, PostgresGrainStorageOptions options, NpgsqlDataSource dataSource, Serializer serializer, ILogger<PostgresGrainStorage> logger)
    {
        new PostgresGrainStorageOptionsValidator().ThrowIfInvalid(options);
        _name = name;
        _options = options;
        _dataSource = dataSource;
        _serializer = serializer;
        _logger = logger;
        _queue = new GroupCommitQueue(name);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(PostgresGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, Start, Stop);

    /// <summary>Starts the writer. The schema is applied (or checked) before the silo starts, not here.</summary>
    public Task Start(CancellationToken cancellationToken)
    {
        _queue.Start(() => Task.Run(WriteLoopAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task Stop(CancellationToken cancellationToken)
    {
        await _queue.StopAsync(cancellationToken);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = _dataSource.CreateCommand("SELECT version, payload FROM distill_grain_state WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            grainState.State = _serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(1));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var write = new PendingWrite(stateName, grainId.ToString(), PendingWrite.ParseETag(grainState.ETag), _serializer.SerializeToArray(grainState.State));
        await _queue.Enqueue(write);
        grainState.ETag = write.NewVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = PendingWrite.ParseETag(grainState.ETag);
        if (expected is not null)
        {
            await _queue.Enqueue(new PendingWrite(stateName, grainId.ToString(), expected, null));
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <summary>Every silo reads the same table.</summary>
    public bool Shared => true;

    public async IAsyncEnumerable<GrainId> ListAsync(string stateName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var after = "";
        while (true)
        {
            var page = new List<string>(CatalogPage);
            await using (var command = _dataSource.CreateCommand(
                "SELECT grain_id FROM distill_grain_state WHERE state_name = $1 AND grain_id > $2 ORDER BY grain_id LIMIT $3"))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = stateName });
                command.Parameters.Add(new NpgsqlParameter { Value = after });
                command.Parameters.Add(new NpgsqlParameter { Value = CatalogPage });
                await using var reader = await command.ExecuteReaderAsync(cancellation);
                while (await reader.ReadAsync(cancellation))
                {
                    page.Add(reader.GetString(0));
                }
            }

            foreach (var id in page)
            {
                yield return GrainId.Parse(id);
            }

            if (page.Count < CatalogPage)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private const int CatalogPage = 1_000;

    public void Dispose() => _queue.Close();

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxWritesPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            PendingWrite.Drain(_queue.Reader, batch, _options.MaxWritesPerCommit);
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e)
            {
                // The database is unreachable or the transaction failed: the grains see the failure (their callers
                // retry). The next batch opens a fresh connection.
                LogCommitFailed(_logger, e, _name, batch.Count);
                PendingWrite.Failed(batch, e);
                continue;
            }

            PendingWrite.Committed(batch);
        }
    }

    /// <summary>One round trip: the whole batch as one <see cref="NpgsqlBatch"/> inside one transaction.</summary>
    private async Task CommitAsync(List<PendingWrite> writes)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            var command = new NpgsqlBatchCommand(write.Payload is null ? DeleteSql : write.ExpectedVersion is null ? InsertSql : UpdateSql);
            command.Parameters.Add(new NpgsqlParameter { Value = write.StateName });
            command.Parameters.Add(new NpgsqlParameter { Value = write.GrainId });
            if (write.Payload is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = write.Payload });
            }

            if (write.ExpectedVersion is { } version)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = version });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        for (var i = 0; i < writes.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected != 1)
            {
                writes[i].MarkConflict();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Provider} failed to commit {Writes} writes to PostgreSQL; none was acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string provider, int writes);
}
