using System.CommandLine;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Cli.Simulation.Families;
using Spectre.Console;

namespace Orleans.Distill.Cli;

/// <summary><c>simulate</c>: writes <c>events.ndjson</c> (contract events, in event-time order) and <c>labels.csv</c>.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the scenario: the same seed and scale give the same files", DefaultValueFactory = _ => 1 };
        var accounts = new Option<int>("--accounts") { Description = "About how many accounts, organic and campaign (from 500 to millions)", DefaultValueFactory = _ => 5_000 };
        var share = new Option<double>("--campaign-share") { Description = "Share of accounts run by campaigns", DefaultValueFactory = _ => 0.05 };
        var days = new Option<int>("--days") { Description = "Days of traffic, from 2026-04-22", DefaultValueFactory = _ => 44 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for events.ndjson and labels.csv", DefaultValueFactory = _ => new DirectoryInfo("sim") };
        var families = new Option<string?>("--families") { Description = "Only these families, comma-separated (default: all; see --list-families)" };
        var list = new Option<bool>("--list-families") { Description = "Print the families a scenario can hold, and what is drawn for each, then stop" };

        var command = new Command("simulate", "Generate a scenario: organic users who share and campaigns that distil") { seed, accounts, share, days, output, families, list };
        command.SetAction(async (result, cancellation) =>
        {
            if (result.GetValue(list))
            {
                await WriteCatalogueAsync(Console.Out);
                return 0;
            }

            var options = new SimulationOptions
            {
                Seed = result.GetValue(seed),
                Accounts = result.GetValue(accounts),
                CampaignShare = result.GetValue(share),
                Days = result.GetValue(days),
                Families = result.GetValue(families)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            var folder = result.GetValue(output)!;
            var written = await RunAsync(options, folder, cancellation);
            AnsiConsole.MarkupLineInterpolated($"[green]{written.Events:N0}[/] events for [green]{written.Accounts:N0}[/] accounts ({written.Fraud:N0} in campaigns) in {folder.FullName}");
            return 0;
        });
        return command;
    }

    /// <summary>One line per family: its name, whether it is a campaign, and what each seed draws for it.</summary>
    public static async Task WriteCatalogueAsync(TextWriter writer)
    {
        var width = FamilyCatalogue.All.Max(f => f.Name.Length);
        foreach (var family in FamilyCatalogue.All)
        {
            await writer.WriteLineAsync($"{family.Name.PadRight(width)}  {(family.Fraud ? "campaign" : "organic "),-8}  {family.Description}");
        }
    }

    public static async Task<(int Events, int Accounts, int Fraud)> RunAsync(SimulationOptions options, DirectoryInfo folder, CancellationToken cancellation)
    {
        folder.Create();
        EventSink sink = null!;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var generate = progress.AddTask("generating", maxValue: 1.0);
            sink = new Simulator(options).Run(new Progress<double>(v => generate.Value = v));
            generate.Value = 1.0;

            var write = progress.AddTask("writing events", maxValue: sink.Count);
            await using (var events = new StreamWriter(Path.Combine(folder.FullName, "events.ndjson")))
            {
                foreach (var line in sink.OrderedLines())
                {
                    cancellation.ThrowIfCancellationRequested();
                    await events.WriteLineAsync(line);
                    write.Increment(1);
                }
            }

            await using var labels = new StreamWriter(Path.Combine(folder.FullName, "labels.csv"));
            sink.WriteLabels(labels);
        });
        return (sink.Count, sink.Accounts.Count, sink.Accounts.Count(a => a.Fraud));
    }
}
