namespace Orleans.Distill.Retention;

[GenerateSerializer, Alias("distill.retention-state")]
public sealed class RetentionState
{
    [Id(0)] public RetentionSweepReport? Last { get; set; }
    [Id(1)] public string? Holder { get; set; }
    [Id(2)] public DateTime LeaseUntil { get; set; }
}
