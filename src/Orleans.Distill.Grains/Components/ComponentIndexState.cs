namespace Orleans.Distill.Components;

[GenerateSerializer, Alias("distill.component-index-state")]
public sealed class ComponentIndexState
{
    [Id(0)] public Dictionary<string, ComponentIndexEntry> Entries { get; set; } = [];
}
