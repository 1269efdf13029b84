namespace Orleans.Distill.Storage;

/// <summary>Grain storage shared by the silos of a cluster: PostgreSQL. Bound from <c>Distill:Storage</c>.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>An Npgsql connection string (<c>--connection</c>), for example <c>Host=db;Username=distill;Database=distill</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Most writes committed in one transaction (group commit).</summary>
    public int MaxWritesPerCommit { get; set; } = 2048;

    /// <summary>Apply the schema when a silo starts (idempotent). Off, a silo refuses to start on a database without it.</summary>
    public bool Migrate { get; set; } = true;

    /// <summary>
    /// Most connections one silo opens. Reads of many activating grains would otherwise open up to Npgsql's
    /// default of 100 each, and a few silos exhaust the server's <c>max_connections</c>; waiting for a pooled
    /// connection is cheaper than a refused one. A <c>Maximum Pool Size</c> in the connection string wins.
    /// </summary>
    public int MaxPoolSize { get; set; } = 32;

    public string PooledConnectionString()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        if (!ConnectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) &&
            !ConnectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }

        return builder.ConnectionString;
    }
}
