using System.Threading.Channels;

namespace Orleans.Distill.Storage;

/// <summary>
/// The queue between the grains writing state and a storage provider's one writer, which commits whatever has
/// queued up meanwhile in one transaction.
/// </summary>
internal sealed class GroupCommitQueue(string provider)
{
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _writer;

    public ChannelReader<PendingWrite> Reader => _writes.Reader;

    public bool Started => _writer is not null;

    /// <summary>Starts the writer, once.</summary>
    public void Start(Func<Task> writer) => _writer ??= writer();

    /// <summary>Queues a write; the task completes when its transaction has committed.</summary>
    public Task Enqueue(PendingWrite write)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException($"Grain storage '{provider}' is not started.");
        }

        if (!_writes.Writer.TryWrite(write))
        {
            throw new InvalidOperationException($"Grain storage '{provider}' is stopping; the write was not accepted.");
        }

        return write.Completion.Task;
    }

    /// <summary>Takes no more writes, and waits for the writer to commit those queued.</summary>
    public async Task StopAsync(CancellationToken cancellation)
    {
        Close();
        if (_writer is not null)
        {
            await _writer.WaitAsync(cancellation);
        }
    }

    public void Close() => _writes.Writer.TryComplete();
}
