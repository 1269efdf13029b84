namespace Orleans.Distill;

/// <summary>How the graph is kept. Bound from <c>Distill:Graph</c>.</summary>
public sealed class GraphOptions
{
    public const string Section = "Distill:Graph";

    /// <summary>Partitions of the component index; each is one grain, so more spread the index over silos.</summary>
    public int IndexPartitions { get; set; } = 8;

    /// <summary>How many times a union is retried when the roots it saw have moved on under concurrent merges.</summary>
    public int MaxUnionAttempts { get; set; } = 64;

    /// <summary>How long a batch waits for a component frozen by a split before it fails (and is sent again).</summary>
    public TimeSpan MaxSplitWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many times a batch starts over when a component it was merging split under it.</summary>
    public int MaxRestarts { get; set; } = 8;
}
