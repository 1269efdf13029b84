namespace Orleans.Distill.Actions;

/// <summary>An action named a component that has since split: the analyst must choose one of the pieces.</summary>
public sealed class ComponentSplitException(string component, IReadOnlyList<string> splitInto)
    : Exception($"component '{component}' has split into {string.Join(", ", splitInto)}; act on one of those")
{
    public IReadOnlyList<string> SplitInto { get; } = splitInto;
}
