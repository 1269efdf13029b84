namespace Orleans.Distill.Storage;

/// <summary>
/// A storage provider that can drop the old copies of state it overwrote (SQLite keeps them in its write-ahead log
/// until a checkpoint), so that an erased value is gone from disk when the erasure answers.
/// </summary>
public interface IScrubbingStorage
{
    Task ScrubAsync(CancellationToken cancellation = default);
}
