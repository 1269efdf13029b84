using Orleans.Distill.Graph;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Detection;

/// <summary>Which links glue: the window and the hub rules, as pure functions of the links and the watermark.</summary>
public sealed class HubRules(DetectionOptions options)
{
    private readonly string[] _allowlist = [.. options.Allowlist()];

    public DetectionOptions Options => options;

    /// <summary>The earliest last sighting a link may have and still glue, given the newest event time seen.</summary>
    public DateTime Horizon(DateTime watermark) =>
        options.Window == TimeSpan.Zero || watermark - DateTime.MinValue < options.Window ? DateTime.MinValue : watermark - options.Window;

    public bool InWindow(LinkRecord link, DateTime watermark) => link.LastSeen >= Horizon(watermark);

    /// <summary>When <paramref name="link"/> leaves the window, or null if it never does.</summary>
    public DateTime? ExpiresAt(LinkRecord link) =>
        options.Window == TimeSpan.Zero || DateTime.MaxValue - link.LastSeen <= options.Window ? null : link.LastSeen + options.Window;

    public bool IsAllowlisted(string entityKey) =>
        NodeKey.TryParse(entityKey, out var kind, out var value) && kind == EntityKind.IpRange &&
        _allowlist.Any(cidr => IpRangeKey.Contains(cidr, value));

    public int AccountsInWindow(IEnumerable<LinkRecord> links, DateTime watermark)
    {
        var horizon = Horizon(watermark);
        return links.Count(l => l.LastSeen >= horizon);
    }

    /// <summary>A hub by count: more distinct accounts within the window than the kind's threshold.</summary>
    public bool IsHubByCount(string entityKey, IEnumerable<LinkRecord> links, DateTime watermark) =>
        AccountsInWindow(links, watermark) > options.ThresholdOf(NodeKey.KindOf(entityKey));

    /// <summary>
    /// When a hub by count stops being one as the window moves on: when its (threshold+1)-th most recent link
    /// expires. Null if that never happens.
    /// </summary>
    public DateTime? HubUntil(string entityKey, IEnumerable<LinkRecord> links)
    {
        var threshold = options.ThresholdOf(NodeKey.KindOf(entityKey));
        var recent = links.Select(l => l.LastSeen).OrderDescending().Skip(threshold).FirstOrDefault();
        return recent == default ? null : ExpiresAt(new LinkRecord(recent, recent, 1));
    }
}
