using Orleans.Distill.Events;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// How far each campaign had got when its first account, and when half of its accounts, were first flagged: the
/// share of its traffic (requests) and of its time span (first to last event) that had been replayed by then.
/// </summary>
public sealed class CampaignTimeline
{
    private readonly Dictionary<string, Campaign> _campaigns = [];
    private readonly Dictionary<string, string> _campaignOf = [];
    private readonly HashSet<string> _flagged = [];
    private readonly List<(DateTime At, Dictionary<string, double> Shares)> _series = [];

    public CampaignTimeline(IReadOnlyList<DistillEvent> events, IReadOnlyDictionary<string, LabelledAccount> labels)
    {
        foreach (var e in events)
        {
            if (!labels.TryGetValue(e.Account, out var label) || !label.Fraud)
            {
                continue;
            }

            _campaignOf[e.Account] = label.Group;
            if (!_campaigns.TryGetValue(label.Group, out var campaign))
            {
                _campaigns[label.Group] = campaign = new Campaign { First = e.At, Last = e.At };
            }

            campaign.Accounts.Add(e.Account);
            campaign.Requests += e.Requests;
            campaign.First = e.At < campaign.First ? e.At : campaign.First;
            campaign.Last = e.At > campaign.Last ? e.At : campaign.Last;
        }
    }

    /// <summary>Records a replayed batch (its events in order), then the accounts flagged once it was in.</summary>
    public void Observe(IEnumerable<DistillEvent> replayed, IEnumerable<string> flagged)
    {
        DateTime? last = null;
        foreach (var e in replayed)
        {
            last = e.At;
            if (_campaignOf.TryGetValue(e.Account, out var name))
            {
                _campaigns[name].ReplayedRequests += e.Requests;
            }
        }

        foreach (var account in flagged)
        {
            if (_campaignOf.TryGetValue(account, out var name) && _flagged.Add(account))
            {
                _campaigns[name].Flagged++;
            }
        }

        if (last is { } now)
        {
            _series.Add((now, _campaigns.ToDictionary(c => c.Key, c => (double)c.Value.Flagged / c.Value.Accounts.Count)));
        }

        foreach (var campaign in _campaigns.Values.Where(c => c.Flagged > 0))
        {
            campaign.FirstFlagged ??= Progress(campaign, last);
            if (campaign.Flagged * 2 >= campaign.Accounts.Count)
            {
                campaign.HalfFlagged ??= Progress(campaign, last);
            }
        }
    }

    private static TimeToDetect Progress(Campaign campaign, DateTime? now)
    {
        var span = (campaign.Last - campaign.First).TotalSeconds;
        var elapsed = now is { } at ? Math.Clamp((at - campaign.First).TotalSeconds / Math.Max(1, span), 0, 1) : 0;
        return new TimeToDetect((double)campaign.ReplayedRequests / Math.Max(1, campaign.Requests), elapsed);
    }

    /// <summary>Per campaign: its accounts, how many were flagged, and when the first and half of them were (null: never).</summary>
    public SortedDictionary<string, CampaignResult> Results() => new(
        _campaigns.ToDictionary(c => c.Key, c => new CampaignResult(c.Value.Accounts.Count, c.Value.Flagged, c.Value.FirstFlagged, c.Value.HalfFlagged)),
        StringComparer.Ordinal);

    /// <summary>After each replayed batch: the event time reached, and the share of each campaign's accounts flagged.</summary>
    public IReadOnlyList<(DateTime At, Dictionary<string, double> Shares)> Series => _series;

    private sealed class Campaign
    {
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

/// <summary>Shares (0–1) of a campaign's traffic and time span replayed by a moment of its detection.</summary>
public sealed record TimeToDetect(double TrafficShare, double TimeShare);

public sealed record CampaignResult(int Accounts, int Flagged, TimeToDetect? FirstFlagged, TimeToDetect? HalfFlagged);
