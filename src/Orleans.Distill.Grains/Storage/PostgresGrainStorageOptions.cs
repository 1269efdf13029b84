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

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("Distill:Storage:ConnectionString (--connection) must be set for PostgreSQL storage.");
        }

        if (MaxWritesPerCommit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWritesPerCommit), MaxWritesPerCommit, "must be at least 1");
        }
    }
}
