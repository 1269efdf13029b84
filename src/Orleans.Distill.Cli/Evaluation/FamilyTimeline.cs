using Orleans.Distill.Events;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// How far each family (campaign or organic) had got when its first account, and when half of its accounts, were
/// first flagged: the share of its traffic (requests) and of its time span (first to last event) replayed by then.
/// For an organic family that is when it was first mistaken for a ring. Each account's first flag is kept too.
/// </summary>
public sealed class FamilyTimeline
{
    private readonly Dictionary<string, Family> _families = [];
    private readonly Dictionary<string, string> _familyOf = [];
    private readonly Dictionary<string, FirstFlag> _firstFlagged = [];
    private readonly List<(DateTime At, Dictionary<string, double> Shares)> _series = [];
    private readonly int _events;
    private int _replayed;
    private int _batches;
    private DateTime? _now;

    public FamilyTimeline(IReadOnlyList<DistillEvent> events, IReadOnlyDictionary<string, LabelledAccount> labels)
    {
        _events = events.Count;
        foreach (var e in events)
        {
            if (!labels.TryGetValue(e.Account, out var label))
            {
                continue;
            }

            _familyOf[e.Account] = label.Group;
            if (!_families.TryGetValue(label.Group, out var family))
            {
                _families[label.Group] = family = new Family { Campaign = label.Fraud, First = e.At, Last = e.At };
            }

            family.Accounts.Add(e.Account);
            family.Requests += e.Requests;
            family.First = e.At < family.First ? e.At : family.First;
            family.Last = e.At > family.Last ? e.At : family.Last;
        }
    }

    /// <summary>Records a replayed batch (its events in order), then the accounts flagged once it was in.</summary>
    public void Observe(IEnumerable<DistillEvent> replayed, IEnumerable<string> flagged)
    {
        DateTime? last = null;
        foreach (var e in replayed)
        {
            last = e.At;
            _replayed++;
            if (_familyOf.TryGetValue(e.Account, out var name))
            {
                _families[name].ReplayedRequests += e.Requests;
            }
        }

        if (last is not null)
        {
            _batches++;
            _now = last;
        }

        foreach (var account in flagged)
        {
            if (_familyOf.TryGetValue(account, out var name) && !_firstFlagged.ContainsKey(account))
            {
                var family = _families[name];
                family.Flagged++;
                var progress = Progress(family, _now);
                _firstFlagged[account] = new FirstFlag(_batches, (double)_replayed / Math.Max(1, _events), progress.TrafficShare, progress.TimeShare);
            }
        }

        if (last is { } now)
        {
            _series.Add((now, _families.Where(f => f.Value.Campaign).ToDictionary(f => f.Key, f => (double)f.Value.Flagged / f.Value.Accounts.Count)));
        }

        foreach (var family in _families.Values.Where(c => c.Flagged > 0))
        {
            // The final read, after the last batch, is timed by the last event replayed.
            family.FirstFlagged ??= Progress(family, _now);
            if (family.Flagged * 2 >= family.Accounts.Count)
            {
                family.HalfFlagged ??= Progress(family, _now);
            }
        }
    }

    private static TimeToDetect Progress(Family family, DateTime? now)
    {
        var span = (family.Last - family.First).TotalSeconds;
        var elapsed = now is { } at ? Math.Clamp((at - family.First).TotalSeconds / Math.Max(1, span), 0, 1) : 0;
        return new TimeToDetect((double)family.ReplayedRequests / Math.Max(1, family.Requests), elapsed);
    }

    /// <summary>Per campaign: its accounts, how many were flagged, and when the first and half of them were (null: never).</summary>
    public SortedDictionary<string, CampaignResult> Results() => new(
        _families.Where(f => f.Value.Campaign).ToDictionary(c => c.Key, c => Result(c.Value)),
        StringComparer.Ordinal);

    /// <summary>The same for every family, organic ones included.</summary>
    public SortedDictionary<string, CampaignResult> Families() => new(_families.ToDictionary(c => c.Key, c => Result(c.Value)), StringComparer.Ordinal);

    /// <summary>When each account was first seen flagged; absent if never.</summary>
    public IReadOnlyDictionary<string, FirstFlag> FirstFlagged => _firstFlagged;

    /// <summary>After each replayed batch: the event time reached, and the share of each campaign's accounts flagged.</summary>
    public IReadOnlyList<(DateTime At, Dictionary<string, double> Shares)> Series => _series;

    private static CampaignResult Result(Family f) => new(f.Accounts.Count, f.Flagged, f.FirstFlagged, f.HalfFlagged);

    private sealed class Family
    {
        public bool Campaign { get; init; }
        public HashSet<string> Accounts { get; } = [];
        public long Requests { get; set; }
        public long ReplayedRequests { get; set; }
        public DateTime First { get; set; }
        public DateTime Last { get; set; }
        public int Flagged { get; set; }
        public TimeToDetect? FirstFlagged { get; set; }
        public TimeToDetect? HalfFlagged { get; set; }
    }
}

/// <summary>Shares (0–1) of a family's traffic and time span replayed by a moment of its detection.</summary>
public sealed record TimeToDetect(double TrafficShare, double TimeShare);

/// <summary>A family's accounts, how many were ever flagged, and when the first and half of them were (null: never).</summary>
public sealed record CampaignResult(int Accounts, int Flagged, TimeToDetect? FirstFlagged, TimeToDetect? HalfFlagged);

/// <summary>
/// When an account was first seen flagged: after which batch (1-based; the batch count for the final read), the share
/// of the whole stream replayed by then, and the shares of its family's traffic and time span.
/// </summary>
public sealed record FirstFlag(int Batch, double ReplayShare, double TrafficShare, double TimeShare);
