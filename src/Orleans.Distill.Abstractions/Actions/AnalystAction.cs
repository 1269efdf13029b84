using Orleans.Distill.Events;

namespace Orleans.Distill.Actions;

/// <summary>What an analyst did, to what, who did it, when and why: kept on what it touched, for the record.</summary>
[GenerateSerializer, Immutable, Alias("distill.analyst-action")]
public sealed record AnalystAction
{
    [Id(0)] public required string Id { get; init; }

    /// <summary><c>label_account</c>, <c>label_component</c>, <c>clear_account</c>, <c>erase_account</c> or <c>mark_entity_benign</c>.</summary>
    [Id(1)] public required string Kind { get; init; }

    /// <summary>The account, component or entity acted on, as the analyst named it.</summary>
    [Id(2)] public required string Target { get; init; }

    [Id(3)] public Verdict? Verdict { get; init; }
    [Id(4)] public required string Who { get; init; }
    [Id(5)] public required string Why { get; init; }

    /// <summary>Wall-clock time the action was taken.</summary>
    [Id(6)] public required DateTime At { get; init; }

    /// <summary>The component the action was applied to (the one the target had merged into, if it had).</summary>
    [Id(7)] public string? Component { get; init; }

    /// <summary>Accounts the action labelled.</summary>
    [Id(8)] public int Accounts { get; init; }

    /// <summary>The <c>who</c> the caller wrote, when it is not the authenticated key's name: for the record only.</summary>
    [Id(9)] public string? OnBehalfOf { get; init; }

    public const string LabelAccount = "label_account";
    public const string LabelComponent = "label_component";
    public const string MarkEntityBenign = "mark_entity_benign";
    public const string ClearAccount = "clear_account";
    public const string EraseAccount = "erase_account";
}
