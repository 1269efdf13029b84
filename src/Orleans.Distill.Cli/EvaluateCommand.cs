using System.CommandLine;
using Orleans.Distill.Cli.Load;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;
using Spectre.Console;

namespace Orleans.Distill.Cli;

/// <summary>
/// <c>evaluate</c>: replays a scenario into a running host in event-time order, then scores <c>GET /v1/flagged</c>
/// against the labels, beside two baselines computed over the same stream in the same run.
/// </summary>
public static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The host to replay into", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var input = new Option<DirectoryInfo>("--in") { Description = "Folder holding events.ndjson and labels.csv (from simulate)", DefaultValueFactory = _ => new DirectoryInfo("sim") };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for evaluation.json", DefaultValueFactory = _ => new DirectoryInfo("results") };
        var batch = new Option<int>("--batch") { Description = "Events per POST: the time-to-detect is measured to within one batch", DefaultValueFactory = _ => 1_000 };
        var minComponent = new Option<int>("--baseline-component") { Description = "Plain-components baseline: flag components of at least this many accounts", DefaultValueFactory = _ => 10 };
        var minRequests = new Option<long>("--baseline-requests") { Description = "Per-account baseline: flag accounts with at least this many requests…", DefaultValueFactory = _ => 15_000 };
        var minShare = new Option<double>("--baseline-capability") { Description = "…and at least this share of coding, agentic and reasoning traffic", DefaultValueFactory = _ => 0.8 };

        var command = new Command("evaluate", "Replay a scenario into a host and score what it flags, beside two baselines")
        {
            url, input, output, batch, minComponent, minRequests, minShare,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var (eventsPath, labelsPath, filesError) = ScenarioInput.Files(result.GetValue(input)!);
            var (host, urlError) = ScenarioInput.HostUrl(result.GetValue(url));
            if ((filesError ?? urlError) is { } refused)
            {
                await Console.Error.WriteLineAsync(refused);
                return 2;
            }

            var settings = new EvaluationSettings(host!, result.GetValue(batch), result.GetValue(minComponent), result.GetValue(minRequests), result.GetValue(minShare));
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

            Print(report);
            var results = result.GetValue(output)!;
            results.Create();
            await File.WriteAllTextAsync(Path.Combine(results.FullName, "evaluation.json"), JsonSerializer.Serialize(report, Json), cancellation);
            DetectionChart.Write(Path.Combine(results.FullName, "detection.png"), report.Series);
            AnsiConsole.MarkupLineInterpolated($"written to {Path.Combine(results.FullName, "evaluation.json")} and detection.png");
            return 0;
        });
        return command;
    }

    public static async Task<EvaluationReport> RunAsync(EvaluationSettings settings, string eventsPath, string labelsPath, CancellationToken cancellation)
    {
        var scenario = await Scenario.ReadAsync(eventsPath, labelsPath, cancellation);
        var (lines, labels) = (scenario.Lines, scenario.Labels);
        var events = scenario.Events;
        var timeline = new CampaignTimeline(events, labels);

        using var http = new HttpClient { BaseAddress = settings.Url, Timeout = TimeSpan.FromMinutes(5) };
        var resends = 0;
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
        });

        await WaitForDetectionAsync(http, cancellation);
        var flagged = await FlaggedAsync(http, cancellation);
        timeline.Observe([], flagged.Keys);
        var deny = flagged.Where(f => f.Value == "deny").Select(f => f.Key).ToHashSet();
        var reviewOrDeny = flagged.Keys.ToHashSet();
        var plain = Baselines.PlainComponents(events, settings.BaselineComponent);
        var rules = Baselines.PerAccountRules(events, settings.BaselineRequests, settings.BaselineCapability);

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
            },
            timeline.Results())
        {
            Series = timeline.Series,
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
        var deadline = DateTime.UtcNow.AddMinutes(10);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while ((await http.GetFromJsonAsync<JsonElement>("/v1/status", cancellation)).GetProperty("rebuild_backlog").GetInt32() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the host still had a rebuild backlog after 10 minutes");
            }

            await poll.WaitForNextTickAsync(cancellation);
        }
    }

    private static void Print(EvaluationReport report)
    {
        var detectors = new Table().AddColumns("detector", "flagged", "precision", "recall", "F1", "organic FPR");
        foreach (var (name, d) in report.Detectors)
        {
            detectors.AddRow(name, $"{d.Score.Flagged:N0}", $"{d.Score.Precision:F3}", $"{d.Score.Recall:F3}", $"{d.Score.F1:F3}", $"{d.Score.FalsePositiveRate:P2}");
        }

        AnsiConsole.Write(detectors);
        var kinds = new Table().AddColumn("organic kind");
        foreach (var name in report.Detectors.Keys)
        {
            kinds.AddColumn(name);
        }

        foreach (var kind in report.Detectors.Values.First().FalsePositiveRateByKind.Keys)
        {
            kinds.AddRow([kind, .. report.Detectors.Values.Select(d => $"{d.FalsePositiveRateByKind[kind]:P2}")]);
        }

        AnsiConsole.Write(kinds);
        var campaigns = new Table().AddColumns("campaign", "accounts", "flagged", "first flagged at (traffic, time)", "half flagged at (traffic, time)");
        foreach (var (name, c) in report.Campaigns)
        {
            campaigns.AddRow(name, $"{c.Accounts:N0}", $"{c.Flagged:N0}", Shares(c.FirstFlagged), Shares(c.HalfFlagged));
        }

        AnsiConsole.Write(campaigns);
    }

    private static string Shares(TimeToDetect? at) => at is { } t ? $"{t.TrafficShare:P1}, {t.TimeShare:P1}" : "never";
}

public sealed record EvaluationSettings(Uri Url, int Batch, int BaselineComponent, long BaselineRequests, double BaselineCapability);

public sealed record DetectorResult(DetectionScore Score, SortedDictionary<string, double> FalsePositiveRateByKind)
{
    public static DetectorResult Of(IReadOnlyCollection<string> flagged, IReadOnlyDictionary<string, LabelledAccount> labels) =>
        new(DetectionScore.Of(flagged, labels), DetectionScore.FalsePositiveRateByKind(flagged, labels));
}

public sealed record EvaluationReport(
    int Events,
    int Accounts,
    int BatchesResent,
    SortedDictionary<string, DetectorResult> Detectors,
    SortedDictionary<string, CampaignResult> Campaigns)
{
    /// <summary>The chart's data: left out of the JSON, which holds the summary.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<(DateTime At, Dictionary<string, double> Shares)> Series { get; init; } = [];
}
