namespace Orleans.Distill.Storage;

/// <summary>
/// Lists the grains a storage provider holds state for, so that retention can reach grains nobody calls any more.
/// </summary>
public interface IGrainStateCatalog
{
    /// <summary>
    /// Whether every silo sees the same grains (a shared database) or only those written through it (memory): with
    /// a shared catalog one silo sweeps for the cluster, otherwise each sweeps its own.
    /// </summary>
    bool Shared { get; }

    /// <summary>Grain ids holding state named <paramref name="stateName"/>, in pages, in a stable order.</summary>
    IAsyncEnumerable<GrainId> ListAsync(string stateName, CancellationToken cancellation);
}
