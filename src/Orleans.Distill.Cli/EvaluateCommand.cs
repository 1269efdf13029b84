using System.CommandLine;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Cli.Load;
using Spectre.Console;

namespace Orleans.Distill.Cli;

/// <summary>
/// <c>evaluate</c>: replays a scenario into a running host in event-time order, then scores <c>GET /v1/flagged</c>
/// against the labels, beside three baselines computed over the same stream in the same run, and records every
/// labelled account's final answer so that <c>generalise</c> can re-score it.
/// </summary>
public static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The host to replay into", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var input = new Option<DirectoryInfo>("--in") { Description = "Folder holding events.ndjson and labels.csv (from simulate), each plain or gzipped", DefaultValueFactory = _ => new DirectoryInfo("sim") };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for evaluation.json", DefaultValueFactory = _ => new DirectoryInfo("results") };
        var world = new Option<string?>("--world") { Description = "Name of the world evaluated, kept in evaluation.json (default: the --in folder's name)" };
        var batch = new Option<int>("--batch") { Description = "Events per POST: the time-to-detect is measured to within one batch", DefaultValueFactory = _ => 1_000 };
        var parallel = new Option<int>("--parallel") { Description = "Account reads at once when recording every labelled account's answer", DefaultValueFactory = _ => 16 };
        var minComponent = new Option<int>("--baseline-component") { Description = "Plain-components baseline: flag components of at least this many accounts", DefaultValueFactory = _ => 10 };
        var minRequests = new Option<long>("--baseline-requests") { Description = "Per-account baseline: flag accounts with at least this many requests…", DefaultValueFactory = _ => 15_000 };
        var minShare = new Option<double>("--baseline-capability") { Description = "…and at least this share of coding, agentic and reasoning traffic", DefaultValueFactory = _ => 0.8 };
        var twentyLineN = new Option<int>("--twenty-line-identifier") { Description = "20-line baseline: ignore identifiers shared by more than this many accounts…", DefaultValueFactory = _ => 50 };
        var twentyLineK = new Option<int>("--twenty-line-component") { Description = "…and flag components of at least this many accounts", DefaultValueFactory = _ => 5 };
        var features = new Option<bool>("--features") { Description = "Also write features.csv: every labelled account's features at the end, to train and test a learned scorer on" };

        var command = new Command("evaluate", "Replay a scenario into a host and score what it flags, beside three baselines")
        {
            url, input, output, world, batch, parallel, minComponent, minRequests, minShare, twentyLineN, twentyLineK, features,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var folder = result.GetValue(input)!;
            var (eventsPath, labelsPath, filesError) = ScenarioInput.Files(folder);
            var (host, urlError) = ScenarioInput.HostUrl(result.GetValue(url));
            var settingsError = result.GetValue(batch) < 1 ? "--batch: at least 1"
                : result.GetValue(parallel) < 1 ? "--parallel: at least 1"
                : result.GetValue(twentyLineN) < 1 || result.GetValue(twentyLineK) < 1 ? "--twenty-line-identifier and --twenty-line-component: at least 1"
                : null;
            if ((filesError ?? urlError ?? settingsError) is { } refused)
            {
                await Console.Error.WriteLineAsync(refused);
                return 2;
            }

            var settings = new EvaluationSettings(host!, result.GetValue(batch), result.GetValue(minComponent), result.GetValue(minRequests), result.GetValue(minShare))
            {
                World = result.GetValue(world) ?? folder.Name,
                Parallelism = result.GetValue(parallel),
                TwentyLineIdentifier = result.GetValue(twentyLineN),
                TwentyLineComponent = result.GetValue(twentyLineK),
                Features = result.GetValue(features),
            };
            EvaluationReport report;
            try
            {
                report = await RunAsync(settings, eventsPath, labelsPath, cancellation);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            EvaluationTables.Print(report);
            var results = result.GetValue(output)!;
            results.Create();
            await File.WriteAllTextAsync(Path.Combine(results.FullName, "evaluation.json"), JsonSerializer.Serialize(report, Json), cancellation);
            DetectionChart.Write(Path.Combine(results.FullName, "detection.png"), report.Series);
            if (report.FeatureTable is { } table)
            {
                await using var csv = new StreamWriter(Path.Combine(results.FullName, "features.csv"));
                table.WriteCsv(csv, settings.World, report.AccountOutcomes!);
            }

            AnsiConsole.MarkupLineInterpolated($"written to {Path.Combine(results.FullName, "evaluation.json")} and detection.png{(report.FeatureTable is null ? "" : ", features.csv")}");
            return 0;
        });
        return command;
    }

    public static async Task<EvaluationReport> RunAsync(EvaluationSettings settings, string eventsPath, string labelsPath, CancellationToken cancellation)
    {
        var scenario = await Scenario.ReadAsync(eventsPath, labelsPath, cancellation);
        var (lines, labels) = (scenario.Lines, scenario.Labels);
        var events = scenario.Events;
        var timeline = new FamilyTimeline(events, labels);

        using var http = new HttpClient { BaseAddress = settings.Url, Timeout = TimeSpan.FromMinutes(5) };
        var resends = 0;
        List<AccountOutcome> outcomes = [];
        FeatureTable? features = null;
        Dictionary<string, string> flagged = [];
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var replay = progress.AddTask("replaying", maxValue: lines.Length);
            var offset = 0;
            foreach (var chunk in lines.Chunk(settings.Batch))
            {
                resends += (await EventBatches.PostAsync(http, Encoding.UTF8.GetBytes(string.Join('\n', chunk)), cancellation)).Resent;

                // Weeks of events pass here in seconds; live, detection has all the time it needs between them.
                // So each batch is scored once detection has caught up with it, as it would be in event time.
                await WaitForDetectionAsync(http, cancellation);
                var replayed = events.Skip(offset).Take(chunk.Length);
                offset += chunk.Length;
                timeline.Observe(replayed, (await FlaggedAsync(http, cancellation)).Keys);
                replay.Increment(chunk.Length);
            }

            await WaitForDetectionAsync(http, cancellation);
            flagged = await FlaggedAsync(http, cancellation);
            timeline.Observe([], flagged.Keys);

            var read = progress.AddTask("reading accounts", maxValue: labels.Count);
            outcomes = await AccountOutcomes.FetchAsync(http, labels, timeline.FirstFlagged, settings.Parallelism, new Progress<int>(n => read.Value = n), cancellation);
            read.Value = labels.Count;
            if (settings.Features)
            {
                var measure = progress.AddTask("measuring components", maxValue: outcomes.Where(o => o.Known && o.Component is not null).Select(o => o.Component).Distinct().Count());
                features = await FeatureTable.FetchAsync(http, outcomes, settings.Parallelism, new Progress<int>(n => measure.Value = n), cancellation);
                measure.Value = measure.MaxValue;
            }
        });

        var deny = flagged.Where(f => f.Value == "deny").Select(f => f.Key).ToHashSet();
        var reviewOrDeny = flagged.Keys.ToHashSet();
        var plain = Baselines.PlainComponents(events, settings.BaselineComponent);
        var rules = Baselines.PerAccountRules(events, settings.BaselineRequests, settings.BaselineCapability);
        var twentyLine = TwentyLineBaseline.Flag(events, settings.TwentyLineIdentifier, settings.TwentyLineComponent);

        return new EvaluationReport(
            events.Count,
            labels.Count,
            resends,
            new SortedDictionary<string, DetectorResult>(StringComparer.Ordinal)
            {
                ["distill_deny"] = DetectorResult.Of(deny, labels),
                ["distill_review_or_deny"] = DetectorResult.Of(reviewOrDeny, labels),
                ["baseline_plain_components"] = DetectorResult.Of(plain, labels),
                ["baseline_per_account_rules"] = DetectorResult.Of(rules, labels),
                ["baseline_twenty_line"] = DetectorResult.Of(twentyLine, labels),
            },
            timeline.Results())
        {
            World = settings.World,
            BaselineParameters = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["plain_components.min_component"] = settings.BaselineComponent,
                ["per_account_rules.min_requests"] = settings.BaselineRequests,
                ["per_account_rules.min_capability_share"] = settings.BaselineCapability,
                ["twenty_line.max_accounts_per_identifier"] = settings.TwentyLineIdentifier,
                ["twenty_line.min_component"] = settings.TwentyLineComponent,
            },
            Families = FamilyResult.Of(outcomes, timeline.Families()),
            AccountOutcomes = outcomes,
            BaselineGrid = BaselineGrid.Of(events, labels),
            Series = timeline.Series,
            FeatureTable = features,
        };
    }

    private static async Task<Dictionary<string, string>> FlaggedAsync(HttpClient http, CancellationToken cancellation)
    {
        var flagged = new Dictionary<string, string>();
        foreach (var line in (await http.GetStringAsync("/v1/flagged", cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var row = JsonDocument.Parse(line).RootElement;
            flagged[row.GetProperty("account").GetString()!] = row.GetProperty("decision").GetString()!;
        }

        return flagged;
    }

    /// <summary>Scores are computed in the background: waits (at most 10 minutes) until no rebuild is pending.</summary>
    private static async Task WaitForDetectionAsync(HttpClient http, CancellationToken cancellation)
    {
        if (!(await Rescoring.WaitAsync(http, TimeSpan.FromMinutes(10), cancellation)).CaughtUp)
        {
            throw new TimeoutException("the host still had a rebuild backlog after 10 minutes");
        }
    }
}

/// <summary>How <c>evaluate</c> runs: the host, the batch size, and the single-setting baselines' parameters.</summary>
public sealed record EvaluationSettings(Uri Url, int Batch, int BaselineComponent, long BaselineRequests, double BaselineCapability)
{
    public string World { get; init; } = "world";

    /// <summary>Account reads at once at the end: bounded, so the host is not swamped.</summary>
    public int Parallelism { get; init; } = 16;

    public int TwentyLineIdentifier { get; init; } = 50;

    public int TwentyLineComponent { get; init; } = 5;

    /// <summary>Measure every labelled account's groups at the end too (<see cref="FeatureTable"/>).</summary>
    public bool Features { get; init; }
}
