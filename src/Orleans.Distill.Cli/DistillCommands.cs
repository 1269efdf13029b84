using System.CommandLine;

namespace Orleans.Distill.Cli;

/// <summary>The command line the tool answers: built in one place for the program and for its tests.</summary>
public static class DistillCommands
{
    public static RootCommand Root() => new("Orleans.Distill tools: scenarios, detection and load benchmarks")
    {
        SimulateCommand.Create(), EvaluateCommand.Create(), GeneraliseCommand.Create(), LoadCommand.Create(), KeysCommand.Create(),
    };
}
