using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Distill.Storage;

/// <summary>
/// Grain storage in one SQLite file (WAL). Reads go straight to the database; writes are queued and
/// committed by a single writer in transactions of many writes each (group commit), so the cost of a
/// commit is shared by every grain that wrote meanwhile. A write's task completes only after its commit.
/// Optimistic concurrency uses a per-row version as the ETag.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IGrainStateCatalog, IScrubbingStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly string _connectionString;
    private readonly GroupCommitQueue _queue;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, Serializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        new SqliteGrainStorageOptionsValidator().ThrowIfInvalid(options);
        _name = name;
        _options = options;
        _serializer = serializer;
        _logger = logger;
        _queue = new GroupCommitQueue(name);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, Start, Stop);

    /// <summary>Opens the database, creating the file and the table when missing. Idempotent.</summary>
    public Task Start(CancellationToken cancellationToken)
    {
        if (_queue.Started)
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, $"PRAGMA synchronous={_options.Synchronous};");
        // An erased email or a link past retention must not linger in freed pages of the file.
        Execute(connection, "PRAGMA secure_delete=ON;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                payload BLOB NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """);
        LogOpened(_logger, _name, _options.DatabasePath, _options.Synchronous);
        _queue.Start(() => Task.Factory.StartNew(() => WriteLoop(connection), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        return Task.CompletedTask;
    }

    public async Task Stop(CancellationToken cancellationToken)
    {
        await _queue.StopAsync(cancellationToken);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $s AND grain_id = $g";
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            var version = reader.GetInt64(0);
            var payload = (byte[])reader.GetValue(1);
            grainState.State = _serializer.Deserialize<T>(payload);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.SerializeToArray(grainState.State);
        var write = new PendingWrite(stateName, grainId.ToString(), PendingWrite.ParseETag(grainState.ETag), payload);
        await _queue.Enqueue(write);
        grainState.ETag = write.NewVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var write = new PendingWrite(stateName, grainId.ToString(), PendingWrite.ParseETag(grainState.ETag), null);
        await _queue.Enqueue(write);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <summary>One database file, one silo.</summary>
    public bool Shared => true;

    public async IAsyncEnumerable<GrainId> ListAsync(string stateName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        // Pages by key, each on a short read, so a sweep never holds the file while writers wait.
        var after = "";
        while (true)
        {
            var page = new List<string>(CatalogPage);
            using (var connection = new SqliteConnection(_connectionString))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT grain_id FROM grain_state WHERE state_name = $s AND grain_id > $a ORDER BY grain_id LIMIT $n";
                command.Parameters.AddWithValue("$s", stateName);
                command.Parameters.AddWithValue("$a", after);
                command.Parameters.AddWithValue("$n", CatalogPage);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add(reader.GetString(0));
                }
            }

            foreach (var id in page)
            {
                cancellation.ThrowIfCancellationRequested();
                yield return GrainId.Parse(id);
            }

            if (page.Count < CatalogPage)
            {
                yield break;
            }

            after = page[^1];
            await Task.Yield();
        }
    }

    private const int CatalogPage = 1_000;

    /// <summary>
    /// Copies every committed page into the file and empties the log: with <c>secure_delete</c> the rows overwritten
    /// before are then gone from both. A reader still on an old snapshot makes it busy; it is tried again briefly.
    /// </summary>
    public async Task ScrubAsync(CancellationToken cancellation = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            using (var connection = new SqliteConnection(_connectionString))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                using var reader = command.ExecuteReader();
                if (reader.Read() && reader.GetInt32(0) == 0)
                {
                    return;
                }
            }

            if (attempt == ScrubAttempts)
            {
                throw new TimeoutException($"the SQLite log of '{_name}' stayed busy through {ScrubAttempts} checkpoints");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), cancellation);
        }
    }

    private const int ScrubAttempts = 20;

    public void Dispose() => _queue.Close();

    private void WriteLoop(SqliteConnection connection)
    {
        using var _ = connection;
        using var insert = Prepare(connection, "INSERT INTO grain_state (state_name, grain_id, version, payload) VALUES ($s, $g, 1, $p) ON CONFLICT DO NOTHING");
        using var update = Prepare(connection, "UPDATE grain_state SET version = $v + 1, payload = $p WHERE state_name = $s AND grain_id = $g AND version = $v");
        using var delete = Prepare(connection, "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND version = $v");
        var batch = new List<PendingWrite>(_options.MaxWritesPerCommit);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            PendingWrite.Drain(_queue.Reader, batch, _options.MaxWritesPerCommit);
            try
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = update.Transaction = delete.Transaction = transaction;
                foreach (var write in batch)
                {
                    Apply(write, insert, update, delete);
                }

                transaction.Commit();
            }
            catch (Exception e)
            {
                LogCommitFailed(_logger, e, _name, batch.Count);
                PendingWrite.Failed(batch, e);
                continue;
            }

            PendingWrite.Committed(batch);
        }
    }

    /// <summary>Applies one write in the open transaction; a row that moved on marks the write a conflict.</summary>
    private static void Apply(PendingWrite write, SqliteCommand insert, SqliteCommand update, SqliteCommand delete)
    {
        SqliteCommand command;
        if (write.Payload is null)
        {
            if (write.ExpectedVersion is null)
            {
                return;
            }

            command = delete;
            command.Parameters["$v"].Value = write.ExpectedVersion.Value;
        }
        else if (write.ExpectedVersion is null)
        {
            command = insert;
            command.Parameters["$p"].Value = write.Payload;
        }
        else
        {
            command = update;
            command.Parameters["$v"].Value = write.ExpectedVersion.Value;
            command.Parameters["$p"].Value = write.Payload;
        }

        command.Parameters["$s"].Value = write.StateName;
        command.Parameters["$g"].Value = write.GrainId;
        if (command.ExecuteNonQuery() != 1)
        {
            write.MarkConflict();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "$s", "$g", "$v", "$p" })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Provider} opened {Path} (WAL, synchronous={Synchronous})")]
    private static partial void LogOpened(ILogger logger, string provider, string path, string synchronous);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Provider} failed to commit {Writes} writes; none was acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string provider, int writes);
}
