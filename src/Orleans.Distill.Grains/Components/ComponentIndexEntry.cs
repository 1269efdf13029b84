using Orleans.Distill.Grains;

namespace Orleans.Distill.Components;

/// <summary>One component or hub in an index partition, with its place in the rebuild queue.</summary>
[GenerateSerializer, Alias("distill.component-index-entry")]
public sealed class ComponentIndexEntry
{
    [Id(0)] public required ComponentSummary Summary { get; set; }

    /// <summary>Bumped by every change reported; the entry is due while it is ahead of <see cref="DoneSequence"/>.</summary>
    [Id(1)] public long DirtySequence { get; set; }

    [Id(2)] public long DoneSequence { get; set; }

    /// <summary>Wall-clock time of the first change not yet rebuilt.</summary>
    [Id(3)] public DateTime DirtySince { get; set; }

    /// <summary>Wall-clock time before which it is not rebuilt again (large components less often).</summary>
    [Id(4)] public DateTime NotBefore { get; set; }

    public bool Dirty => DirtySequence > DoneSequence;
}
