using Orleans.Distill.Grains;

namespace Orleans.Distill.Components;

public sealed class ComponentIndexGrain(
    [PersistentState("component-index", StorageNames.Graph)] IPersistentState<ComponentIndexState> state) : Grain, IComponentIndexGrain
{
    /// <summary>Components with fewer accounts than this are not worth listing; nearly every account stands alone.</summary>
    public const int MinAccounts = 2;

    public async Task Apply(IReadOnlyList<ComponentSummary> upserts, IReadOnlyList<string> removals)
    {
        var entries = state.State.Entries;
        var changed = false;
        foreach (var id in removals)
        {
            changed |= entries.Remove(id);
        }

        foreach (var summary in upserts)
        {
            if (entries.TryGetValue(summary.Id, out var known) && known.Version >= summary.Version)
            {
                continue;
            }

            if (summary.Accounts < MinAccounts)
            {
                changed |= entries.Remove(summary.Id);
                continue;
            }

            entries[summary.Id] = summary;
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<ComponentSummary>> Top(int count) =>
        Task.FromResult<IReadOnlyList<ComponentSummary>>(
            [.. state.State.Entries.Values
                .OrderByDescending(e => e.Accounts)
                .ThenByDescending(e => e.Entities)
                .ThenBy(e => e.Id, StringComparer.Ordinal)
                .Take(count)]);

    public static int PartitionOf(string componentId, int partitions) =>
        (int)(ulong.Parse(componentId.AsSpan(2), System.Globalization.NumberStyles.HexNumber) % (ulong)partitions);
}
