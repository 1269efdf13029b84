namespace Orleans.Distill.Events;

/// <summary>Limits on what <c>POST /v1/events</c> accepts. Bound from <c>Distill:Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string Section = "Distill:Ingest";

    /// <summary>Bodies larger than this are refused whole with 413.</summary>
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A single NDJSON line (or array element) larger than this is rejected.</summary>
    public int MaxLineBytes { get; set; } = 16 * 1024;

    /// <summary>How far ahead of the server's clock an event's <c>at</c> may be (clock skew between producers).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Events older than this date are rejected as implausible.</summary>
    public DateTime EarliestEventTime { get; set; } = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// How long a batch may take before it is answered <c>503</c> (send it again). The graph's retry loops are
    /// bounded one by one, but together they are not, so this is what bounds a producer's wait.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest free-text field (label notes, sources).</summary>
    public int MaxNoteLength { get; set; } = 1024;
}
