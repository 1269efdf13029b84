using System.Collections.Concurrent;
using Orleans.Storage;

namespace Orleans.Distill.Storage;

/// <summary>
/// Memory storage cannot list what it holds, so this notes every grain written through this silo. A grain written
/// only through another silo is that silo's to sweep.
/// </summary>
public sealed class CatalogingGrainStorage(IGrainStorage inner) : IGrainStorage, IGrainStateCatalog, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<GrainId, byte>> _written = new();

    public bool Shared => false;

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        _written.GetOrAdd(stateName, _ => new()).TryAdd(grainId, 0);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ClearStateAsync(stateName, grainId, grainState);
        if (_written.TryGetValue(stateName, out var grains))
        {
            grains.TryRemove(grainId, out _);
        }
    }

    public async IAsyncEnumerable<GrainId> ListAsync(string stateName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        if (!_written.TryGetValue(stateName, out var grains))
        {
            yield break;
        }

        foreach (var grain in grains.Keys)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return grain;
        }

        await Task.CompletedTask;
    }
}
