using System.CommandLine;
using Orleans.Distill.Cli;

var root = new RootCommand("Orleans.Distill tools: scenarios, detection and load benchmarks") { SimulateCommand.Create(), EvaluateCommand.Create(), LoadCommand.Create() };
return await root.Parse(args).InvokeAsync();
