namespace Orleans.Distill.Components;

/// <summary>
/// Which due index entries a rebuild pass takes. Half the slots go to the largest (a ring of hundreds must not
/// wait behind thousands of pairs), the other half to those waiting longest, so that no entry starves however
/// many larger ones keep arriving: a hub first reported with no accounts counted, or a pair, is rebuilt within a
/// few passes instead of after the whole backlog.
/// </summary>
public static class DueSelection
{
    /// <param name="due">The entries that are due, with their size and since when they have waited.</param>
    /// <param name="max">How many to take.</param>
    /// <returns>The entries taken, largest first, then longest-waiting first.</returns>
    public static IReadOnlyList<string> Take(IEnumerable<(string Id, long Accounts, DateTime Waiting)> due, int max)
    {
        if (max <= 0)
        {
            return [];
        }

        var bySize = max - (max / 2);
        var largest = new PriorityQueue<(string Id, long Accounts, DateTime Waiting), (long, DateTime)>(Comparer<(long Accounts, DateTime Waiting)>.Create(
            (a, b) => a.Accounts != b.Accounts ? a.Accounts.CompareTo(b.Accounts) : b.Waiting.CompareTo(a.Waiting)));
        var oldest = new PriorityQueue<(string Id, long Accounts, DateTime Waiting), DateTime>(Comparer<DateTime>.Create((a, b) => b.CompareTo(a)));
        var total = 0;
        foreach (var entry in due)
        {
            total++;
            largest.Enqueue(entry, (entry.Accounts, entry.Waiting));
            if (largest.Count > bySize)
            {
                // The smallest of the largest drops to the other half's candidates.
                var dropped = largest.Dequeue();
                oldest.Enqueue(dropped, dropped.Waiting);
                if (oldest.Count > max - bySize)
                {
                    oldest.Dequeue();
                }
            }
        }

        var taken = new List<string>(Math.Min(max, total));
        var big = new List<string>(largest.Count);
        while (largest.TryDequeue(out var item, out _))
        {
            big.Add(item.Id);
        }

        big.Reverse();
        taken.AddRange(big);
        var waited = new List<string>(oldest.Count);
        while (oldest.TryDequeue(out var item, out _))
        {
            waited.Add(item.Id);
        }

        waited.Reverse();
        taken.AddRange(waited);
        return taken;
    }
}
