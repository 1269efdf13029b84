namespace Orleans.Distill.Storage;

/// <summary>The embedded host's grain storage: one SQLite file. Bound from <c>Distill:Storage</c>.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>Folder holding the database file; created when missing.</summary>
    public string DataDirectory { get; set; } = "data";

    public string FileName { get; set; } = "distill.db";

    /// <summary>Most writes committed in one transaction (group commit).</summary>
    public int MaxWritesPerCommit { get; set; } = 2048;

    /// <summary>
    /// <c>FULL</c> syncs every commit to disk (survives power loss); <c>NORMAL</c> survives a process crash
    /// but may lose the last commits on power loss. Either way a write is acknowledged only once committed.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
