using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Distill.Cli.Generalisation;
using Spectre.Console;

namespace Orleans.Distill.Cli;

/// <summary>
/// <c>generalise</c>: reads the <c>evaluation.json</c> of several worlds, chooses thresholds and baseline parameters
/// on the tuning worlds only, and reports them on held-out seeds, on each family left out of tuning, and on real data.
/// </summary>
public static class GeneraliseCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Command Create()
    {
        var tune = new Option<string>("--tune") { Description = "evaluation.json files of the tuning worlds, comma-separated", Required = true };
        var test = new Option<string>("--test") { Description = "evaluation.json files of held-out worlds, never used for tuning, comma-separated", Required = true };
        var real = new Option<string?>("--real") { Description = "evaluation.json files of real data sets, comma-separated" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for generalisation.json and generalisation.md", DefaultValueFactory = _ => new DirectoryInfo("results") };
        var review = new Option<double>("--review-precision") { Description = "Review threshold: below the lowest score reaching this precision on the tuning worlds, halfway to the next", DefaultValueFactory = _ => 0.99 };
        var deny = new Option<double>("--deny-precision") { Description = "Deny threshold: below the lowest score reaching this precision on the tuning worlds, halfway to the next", DefaultValueFactory = _ => 0.99 };
        var baseline = new Option<double>("--baseline-precision") { Description = "Baselines: the best F1 among settings reaching this precision on the tuning worlds", DefaultValueFactory = _ => 0.9 };
        var realPrecision = new Option<double>("--real-precision") { Description = "Real data: F1 counts at this precision or better", DefaultValueFactory = _ => 0.9 };
        var early = new Option<double>("--early") { Description = "A campaign is caught early when first flagged before this share of its traffic", DefaultValueFactory = _ => 0.05 };
        var score = new Option<ScoreSource>("--score") { Description = "Judge the host's final answer, or its current evidence alone", DefaultValueFactory = _ => ScoreSource.Final };

        var command = new Command("generalise", "Tune thresholds and baselines on some worlds; report them on held-out seeds, held-out families and real data")
        {
            tune, test, real, output, review, deny, baseline, realPrecision, early, score,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var settings = new GeneralisationSettings(
                result.GetValue(review), result.GetValue(deny), result.GetValue(baseline), result.GetValue(realPrecision), result.GetValue(early), result.GetValue(score));
            if (new[] { settings.ReviewPrecision, settings.DenyPrecision, settings.BaselinePrecision, settings.RealPrecision, settings.EarlyShare }.Any(v => v is <= 0 or > 1))
            {
                await Console.Error.WriteLineAsync("--review-precision, --deny-precision, --baseline-precision, --real-precision and --early: each in (0, 1]");
                return 2;
            }

            GeneralisationReport report;
            try
            {
                List<WorldResult> worlds =
                [
                    .. Paths(result.GetValue(tune)).Select(p => WorldResult.Read(p, WorldRole.Tuning)),
                    .. Paths(result.GetValue(test)).Select(p => WorldResult.Read(p, WorldRole.Test)),
                    .. Paths(result.GetValue(real)).Select(p => WorldResult.Read(p, WorldRole.Real)),
                ];
                report = GeneralisationReport.Analyse(worlds, settings);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            var tables = GeneralisationTables.Of(report);
            // Redirected output has no width of its own; at the default 80 columns every cell of these tables wraps.
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 200;
            }

            foreach (var table in tables)
            {
                AnsiConsole.Write(table.ToSpectre());
            }

            var folder = result.GetValue(output)!;
            folder.Create();
            var json = Path.Combine(folder.FullName, "generalisation.json");
            var markdown = Path.Combine(folder.FullName, "generalisation.md");
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json), cancellation);
            await File.WriteAllTextAsync(markdown, Markdown(report, tables), cancellation);
            AnsiConsole.MarkupLineInterpolated($"written to {json} and {markdown}");
            return 0;
        });
        return command;
    }

    private static IEnumerable<string> Paths(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => File.Exists(p) ? p : throw new FormatException($"{p}: no such file"));

    private static string Markdown(GeneralisationReport report, IEnumerable<ReportTable> tables)
    {
        var text = new StringBuilder("## Generalisation\n\n");
        text.AppendLine($"Tuning worlds: {string.Join(", ", report.TuningWorlds)}. Held-out test worlds: {string.Join(", ", report.TestWorlds)}."
            + (report.RealWorlds.Count > 0 ? $" Real data: {string.Join(", ", report.RealWorlds)}." : "")).AppendLine();
        foreach (var table in tables)
        {
            text.Append(table.ToMarkdown());
        }

        return text.ToString();
    }
}
