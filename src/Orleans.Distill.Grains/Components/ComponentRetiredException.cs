namespace Orleans.Distill.Components;

/// <summary>
/// A component met on the way has split since it was resolved: whatever was being merged or attached must be
/// resolved again from the nodes. Every step before it was idempotent, so starting over is safe.
/// </summary>
public sealed class ComponentRetiredException(string component)
    : Exception($"Component {component} has split since it was resolved; resolve the nodes again.")
{
    public string Component { get; } = component;
}
