using Orleans.Distill.Detection;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Components;

/// <summary>Sends index changes to the partitions they belong to, one call per partition.</summary>
public sealed class ComponentIndexClient(IGrainFactory grains, GraphOptions options)
{
    public async Task ReportAsync(RebuildResult result)
    {
        // Touches first, so that at no moment is the follow-up work invisible (GET /v1/status would read a
        // backlog of 0 between the two steps). A touched entry stays due through its own completion: the touch
        // moves its sequence past the ticket's.
        await TouchAsync(result.Touches, []);
        await Task.WhenAll(ByPartition(result.Outcomes, o => o.Id).Select(kv => Partition(kv.Key).Complete(kv.Value)));
    }

    public Task ReleaseAsync(IReadOnlyCollection<string> ids) =>
        Task.WhenAll(ByPartition(ids, id => id).Select(kv => Partition(kv.Key).Release(kv.Value)));

    public async Task TouchAsync(IReadOnlyCollection<IndexTouch> touches, IReadOnlyCollection<string> removals)
    {
        var touched = ByPartition(touches, t => t.Id);
        var removed = ByPartition(removals, r => r);
        await Task.WhenAll(touched.Keys.Union(removed.Keys).Select(p =>
            Partition(p).Touch(touched.GetValueOrDefault(p) ?? [], removed.GetValueOrDefault(p) ?? [])));
    }

    /// <summary>Records accounts' labels in the partitions their ids fall in.</summary>
    public Task SetLabelsAsync(IReadOnlyCollection<AccountLabel> labels) =>
        Task.WhenAll(ByPartition(labels, l => l.Account).Select(kv => Partition(kv.Key).SetLabels(kv.Value)));

    /// <summary>Every labelled account, from all partitions.</summary>
    public async Task<IReadOnlyList<AccountLabel>> LabelsAsync() =>
        [.. (await Task.WhenAll(Enumerable.Range(0, options.IndexPartitions).Select(p => Partition(p).Labels()))).SelectMany(l => l)];

    public Task RememberAsync(IReadOnlyCollection<AccountVerdict> verdicts) =>
        Task.WhenAll(ByPartition(verdicts, v => v.Account).Select(kv => Partition(kv.Key).RememberVerdicts(kv.Value)));

    /// <summary>Every remembered verdict, from all partitions.</summary>
    public async Task<IReadOnlyList<AccountVerdict>> VerdictsAsync() =>
        [.. (await Task.WhenAll(Enumerable.Range(0, options.IndexPartitions).Select(p => Partition(p).Verdicts()))).SelectMany(v => v)];

    public Task<RememberedVerdict?> VerdictOfAsync(string account) =>
        Partition(ComponentIndexGrain.PartitionOf(account, options.IndexPartitions)).VerdictOf(account);

    public Task<bool> ForgetAsync(string account) =>
        Partition(ComponentIndexGrain.PartitionOf(account, options.IndexPartitions)).ForgetVerdict(account);

    private IComponentIndexGrain Partition(int partition) => grains.Reference<IComponentIndexGrain>(partition);

    private Dictionary<int, List<T>> ByPartition<T>(IEnumerable<T> items, Func<T, string> id) =>
        items.GroupBy(i => ComponentIndexGrain.PartitionOf(id(i), options.IndexPartitions)).ToDictionary(g => g.Key, g => g.ToList());
}
