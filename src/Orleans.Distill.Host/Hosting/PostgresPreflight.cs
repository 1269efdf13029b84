using System.Net.Sockets;
using Npgsql;
using Orleans.Distill.Storage;

namespace Orleans.Distill.Host.Hosting;

/// <summary>
/// Checks the database before the silo starts, and applies the schema (or checks it is there). A silo that cannot
/// use its database does not start at all: a half-started silo would join the cluster and then fail every call.
/// </summary>
public static class PostgresPreflight
{
    /// <summary>Null when the database is ready; otherwise one sentence saying what is wrong and how to fix it.</summary>
    public static async Task<string?> CheckAsync(PostgresGrainStorageOptions options, CancellationToken cancellation)
    {
        NpgsqlConnectionStringBuilder connection;
        try
        {
            connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            return $"Distill:Storage:ConnectionString is not a valid PostgreSQL connection string ({e.Message}); fix it with --connection \"Host=...;Username=...;Database=...\".";
        }

        var where = $"PostgreSQL at {connection.Host ?? "(no host)"}:{connection.Port}, database {connection.Database ?? "(none)"}";
        if (string.IsNullOrEmpty(connection.Host))
        {
            return $"Distill:Storage:ConnectionString names no Host; fix it with --connection \"Host=...;Username=...;Database=...\".";
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
            if (options.Migrate)
            {
                await PostgresSchema.MigrateAsync(dataSource, cancellation);
                return null;
            }

            var missing = await PostgresSchema.MissingTablesAsync(dataSource, cancellation);
            return missing.Count == 0
                ? null
                : $"{where} has no Orleans.Distill schema (missing {string.Join(", ", missing)}); start a silo once with Distill:Storage:Migrate=true to apply it.";
        }
        catch (PostgresException e)
        {
            return $"{where} refused the connection or the schema: {e.SqlState} {e.MessageText}; check the user, password and database in --connection.";
        }
        catch (NpgsqlException e) when (e.InnerException is SocketException or TimeoutException or IOException)
        {
            return $"{where} is unreachable ({e.InnerException!.Message}); start the server (scripts/pg.sh start) or fix Host/Port in --connection.";
        }
        catch (NpgsqlException e)
        {
            return $"{where} could not be used: {e.Message}; check --connection.";
        }
    }
}
