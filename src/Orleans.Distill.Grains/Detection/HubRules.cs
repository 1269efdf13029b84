using Orleans.Distill.Graph;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Detection;

/// <summary>
/// Which links glue: each kind's lifetime and the hub rules, as pure functions of the links, the accounts' last
/// events and the watermark.
/// </summary>
public sealed class HubRules(DetectionOptions options)
{
    private readonly string[] _allowlist = [.. options.Allowlist()];
    private readonly TimeSpan[] _windows = [.. Enum.GetValues<EntityKind>().Select(k => k == EntityKind.Account ? options.Window : options.WindowOf(k))];
    private readonly bool[] _whileActive = [.. Enum.GetValues<EntityKind>().Select(options.IsWhileActive)];

    public DetectionOptions Options => options;

    /// <summary>The earliest time a link of <paramref name="kind"/> may count from and still glue, given the newest event time seen.</summary>
    public DateTime Horizon(EntityKind kind, DateTime watermark)
    {
        var window = _windows[(int)kind];
        return window == TimeSpan.Zero || watermark - DateTime.MinValue < window ? DateTime.MinValue : watermark - window;
    }

    /// <summary>
    /// Whether the link from an account last active at <paramref name="accountLastSeen"/> to
    /// <paramref name="entityKey"/> is evidence at <paramref name="watermark"/>.
    /// </summary>
    public bool IsEvidence(string entityKey, LinkRecord link, DateTime accountLastSeen, DateTime watermark)
    {
        var kind = NodeKey.KindOf(entityKey);
        return CountsFrom(kind, link, accountLastSeen) >= Horizon(kind, watermark);
    }

    /// <summary>When the link stops being evidence if nothing more is seen, or null if it never does.</summary>
    public DateTime? ExpiresAt(string entityKey, LinkRecord link, DateTime accountLastSeen)
    {
        var kind = NodeKey.KindOf(entityKey);
        var window = _windows[(int)kind];
        var from = CountsFrom(kind, link, accountLastSeen);
        return window == TimeSpan.Zero || DateTime.MaxValue - from <= window ? null : from + window;
    }

    /// <summary>
    /// Whether the entity counts the link toward its hub threshold. The entity does not know when its accounts were
    /// last active, so a kind that stays evidence while its account is active counts every link it holds.
    /// </summary>
    public bool Counts(string entityKey, LinkRecord link, DateTime watermark)
    {
        var kind = NodeKey.KindOf(entityKey);
        return _whileActive[(int)kind] || link.LastSeen >= Horizon(kind, watermark);
    }

    /// <summary>
    /// Whether an account last active at <paramref name="previousLastSeen"/> had, at <paramref name="watermark"/>,
    /// links that only its activity keeps as evidence and that had lapsed: a batch that brings it back must report
    /// them again, so that they glue again.
    /// </summary>
    public bool Resumes(DateTime previousLastSeen, DateTime watermark)
    {
        foreach (var kind in EntityKinds.Linked)
        {
            if (_whileActive[(int)kind] && previousLastSeen < Horizon(kind, watermark))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsWhileActive(string entityKey) => _whileActive[(int)NodeKey.KindOf(entityKey)];

    public bool IsAllowlisted(string entityKey) =>
        NodeKey.TryParse(entityKey, out var kind, out var value) && kind == EntityKind.IpRange &&
        _allowlist.Any(cidr => IpRangeKey.Contains(cidr, value));

    /// <summary>The links <see cref="Counts"/> counts, with the kind and its horizon found once for all of them.</summary>
    public int AccountsInWindow(string entityKey, IReadOnlyCollection<LinkRecord> links, DateTime watermark)
    {
        var kind = NodeKey.KindOf(entityKey);
        if (_whileActive[(int)kind])
        {
            return links.Count;
        }

        var horizon = Horizon(kind, watermark);
        var counted = 0;
        foreach (var link in links)
        {
            if (link.LastSeen >= horizon)
            {
                counted++;
            }
        }

        return counted;
    }

    /// <summary>A hub by count: more distinct accounts counted than the kind's threshold.</summary>
    public bool IsHubByCount(string entityKey, IReadOnlyCollection<LinkRecord> links, DateTime watermark) =>
        IsHubByCount(entityKey, AccountsInWindow(entityKey, links, watermark));

    /// <summary>A hub by an <see cref="AccountsInWindow"/> already counted.</summary>
    public bool IsHubByCount(string entityKey, int accountsInWindow) => accountsInWindow > options.ThresholdOf(NodeKey.KindOf(entityKey));

    /// <summary>
    /// When a hub by count stops being one as the window moves on: when its (threshold+1)-th most recent link
    /// expires. Null if that never happens (a kind counted while its accounts are active, or no window).
    /// </summary>
    public DateTime? HubUntil(string entityKey, IEnumerable<LinkRecord> links)
    {
        var kind = NodeKey.KindOf(entityKey);
        var window = _windows[(int)kind];
        if (_whileActive[(int)kind] || window == TimeSpan.Zero)
        {
            return null;
        }

        var recent = links.Select(l => l.LastSeen).OrderDescending().Skip(options.ThresholdOf(kind)).FirstOrDefault();
        return recent == default || DateTime.MaxValue - recent <= window ? null : recent + window;
    }

    private DateTime CountsFrom(EntityKind kind, LinkRecord link, DateTime accountLastSeen) =>
        _whileActive[(int)kind] && accountLastSeen > link.LastSeen ? accountLastSeen : link.LastSeen;
}
