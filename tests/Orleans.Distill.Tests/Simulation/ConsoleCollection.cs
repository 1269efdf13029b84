namespace Orleans.Distill.Tests.Simulation;

/// <summary>
/// Tests that redirect the process's standard error, or run the commands' live progress displays (Spectre.Console
/// refuses two at once in one process): they must not run beside each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
