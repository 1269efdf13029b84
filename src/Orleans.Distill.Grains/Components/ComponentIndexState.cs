using Orleans.Distill.Events;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Components;

[GenerateSerializer, Alias("distill.component-index-state")]
public sealed class ComponentIndexState
{
    [Id(0)] public Dictionary<string, ComponentIndexEntry> Entries { get; set; } = [];

    /// <summary>Labelled accounts of this partition: what <c>GET /v1/flagged</c> must agree with, whatever their component.</summary>
    [Id(1)] public Dictionary<string, Verdict> Labels { get; set; } = [];

    /// <summary>Remembered verdicts of this partition's accounts, by account id.</summary>
    [Id(2)] public Dictionary<string, RememberedVerdict> Verdicts { get; set; } = [];
}
