using System.Collections.Concurrent;

namespace Orleans.Distill.Tests.Risk;

/// <summary>
/// Grain calls from the test client that get no answer, as from a silo that stopped answering, or that fail at
/// once, as to a silo that died: chosen by grain and method. Calls are held before they leave the client, so the
/// grain itself stays free for everyone else. Held calls are let go by <see cref="ReleaseAll"/>, or fail after
/// <see cref="MaxHold"/>, so that a check which waits for them fails its test rather than hanging it.
/// </summary>
public sealed class StuckCalls : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Method), bool> _failing = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(30);

    /// <summary>Calls being held right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Hold(IAddressable grain, string method) => _failing[(grain.GetGrainId(), method)] = false;

    public void Fail(IAddressable grain, string method) => _failing[(grain.GetGrainId(), method)] = true;

    public void ReleaseAll()
    {
        _failing.Clear();
        Interlocked.Exchange(ref _released, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (_failing.TryGetValue((context.TargetId, context.MethodName), out var fail))
        {
            if (fail)
            {
                throw new SiloUnavailableException($"{context.TargetId} is on a silo that died (test)");
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                await Volatile.Read(ref _released).Task.WaitAsync(MaxHold);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        await context.Invoke();
    }
}
