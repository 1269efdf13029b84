namespace Orleans.Distill.Tests.Simulation;

/// <summary>Tests that redirect the process's standard error: they must not run beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
