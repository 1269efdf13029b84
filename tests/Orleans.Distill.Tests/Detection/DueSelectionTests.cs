using CsCheck;
using Orleans.Distill.Components;

namespace Orleans.Distill.Tests.Detection;

public sealed class DueSelectionTests
{
    private static readonly DateTime T0 = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AHubReportedWithNoAccounts_IsTaken_BehindThousandsOfLargerPairs()
    {
        // A backlog of 20,000 pairs (one account each) that keeps the largest-first half busy, and a hub that was
        // queued before them with no accounts counted yet.
        var due = Enumerable.Range(0, 20_000).Select(i => ($"pair{i}", 1L, T0.AddMilliseconds(i + 1))).Prepend(("hub", 0L, T0)).ToList();

        var taken = DueSelection.Take(due, 32);

        Assert.Equal(32, taken.Count);
        Assert.Contains("hub", taken);
    }

    [Fact]
    public void TheLargestComeFirst_ThenTheLongestWaiting()
    {
        var due = new[]
        {
            ("ring", 300L, T0.AddMinutes(5)),
            ("pair-old", 1L, T0),
            ("family", 4L, T0.AddMinutes(4)),
            ("pair-new", 1L, T0.AddMinutes(6)),
            ("company", 40L, T0.AddMinutes(3)),
        };

        Assert.Equal(["ring", "company", "pair-old", "family"], DueSelection.Take(due, 4));
    }

    [Fact]
    public void Matches_APlainSortOfEachHalf()
    {
        var entry = Gen.Select(Gen.Long[0, 50], Gen.Int[0, 1_000]);
        Gen.Select(entry.List[0, 200], Gen.Int[0, 40]).Sample((entries, max) =>
        {
            var due = entries.Select((e, i) => ($"c{i}", e.Item1, T0.AddSeconds(e.Item2))).ToList();

            var taken = DueSelection.Take(due, max);

            // Reference: the largest half by size (ties to the longer-waiting), then the longest-waiting of the rest.
            var bySize = max - (max / 2);
            var largest = due.OrderByDescending(d => d.Item2).ThenBy(d => d.Item3).Take(bySize).ToList();
            var rest = due.Except(largest).OrderBy(d => d.Item3).Take(max - largest.Count);
            // Entries equal in size and wait may come in either order: compare what decides the order.
            var byId = due.ToDictionary(d => d.Item1);
            return taken.Count == largest.Count + rest.Count() && taken.Distinct().Count() == taken.Count
                && taken.Take(largest.Count).Select(id => (byId[id].Item2, byId[id].Item3)).SequenceEqual(largest.Select(d => (d.Item2, d.Item3)))
                && taken.Skip(largest.Count).Select(id => byId[id].Item3).SequenceEqual(rest.Select(d => d.Item3));
        });
    }
}
