namespace Orleans.Distill.Retention;

/// <summary>What one retention sweep deleted.</summary>
[GenerateSerializer, Immutable, Alias("distill.retention-sweep-report")]
public sealed record RetentionSweepReport
{
    /// <summary>Wall-clock start and end.</summary>
    [Id(0)] public DateTime Started { get; init; }
    [Id(1)] public DateTime Finished { get; init; }

    /// <summary>The event-time watermark the cutoffs were taken from.</summary>
    [Id(2)] public DateTime Watermark { get; init; }
    [Id(3)] public RetentionCutoffs Cutoffs { get; init; }
    [Id(4)] public long AccountsScanned { get; init; }
    [Id(5)] public long LinksDropped { get; init; }
    [Id(6)] public long AccountsWithUsageDropped { get; init; }
    [Id(7)] public long EntitiesScanned { get; init; }
    [Id(8)] public long EntityLinksDropped { get; init; }

    /// <summary>Components and hubs queued for a rebuild because links they held were deleted.</summary>
    [Id(9)] public long Rebuilds { get; init; }
}
