using System.Globalization;
using System.Threading.Channels;
using Orleans.Storage;

namespace Orleans.Distill.Storage;

/// <summary>
/// A grain state write waiting for its group commit. <see cref="Payload"/> null deletes the row. The write's
/// task completes only once the transaction holding it has committed.
/// </summary>
internal sealed class PendingWrite(string stateName, string grainId, long? expectedVersion, byte[]? payload)
{
    public string StateName { get; } = stateName;
    public string GrainId { get; } = grainId;

    /// <summary>The row version the writer read (its ETag); null for a row it believes does not exist.</summary>
    public long? ExpectedVersion { get; } = expectedVersion;
    public byte[]? Payload { get; } = payload;

    /// <summary>The row's version once written: the writer's next ETag.</summary>
    public long NewVersion => (ExpectedVersion ?? 0) + 1;

    /// <summary>Set when the row had moved on: the write was not applied, though its transaction committed.</summary>
    public Exception? Conflict { get; private set; }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static long? ParseETag(string? etag) => etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);

    public void MarkConflict() => Conflict = new InconsistentStateException(
        $"Version conflict writing {StateName} of {GrainId}: another activation wrote it first.",
        storedEtag: "unknown",
        currentEtag: ExpectedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none");

    /// <summary>Takes what is queued, up to <paramref name="max"/> writes, into <paramref name="batch"/>.</summary>
    public static void Drain(ChannelReader<PendingWrite> reader, List<PendingWrite> batch, int max)
    {
        batch.Clear();
        while (batch.Count < max && reader.TryRead(out var write))
        {
            batch.Add(write);
        }
    }

    /// <summary>Completes every write of a committed batch: done, or its conflict.</summary>
    public static void Committed(List<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            if (write.Conflict is null)
            {
                write.Completion.TrySetResult();
            }
            else
            {
                write.Completion.TrySetException(write.Conflict);
            }
        }
    }

    /// <summary>Fails every write of a batch whose transaction did not commit: none of them is acknowledged.</summary>
    public static void Failed(List<PendingWrite> batch, Exception exception)
    {
        foreach (var write in batch)
        {
            write.Completion.TrySetException(exception);
        }
    }
}
