using System.Text.Json;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Events;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Simulation;

/// <summary><c>generalise</c> over evaluation.json files written as <c>evaluate</c> writes them, from worlds built by hand.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class GeneraliseCommandTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly DateTime T0 = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempFolder _folder = new("distill-generalise");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Generalise_TunesOnTuningWorldsOnly_AndReportsHeldOutSeedsFamiliesBaselinesAndRealData()
    {
        var tune = await WriteAsync("seed-1", ringScore: 0.7);
        var test = await WriteAsync("seed-11", ringScore: 0.75);
        var real = await WriteAsync("real", ringScore: 0.95);
        var output = Path.Combine(_folder.Path, "report");

        var (exit, _, error) = await DistillTool.RunCapturingAsync("generalise", "--tune", tune, "--test", test, "--real", real, "--out", output);

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "generalisation.json")));
        var root = report.RootElement;
        // With the team in tuning, only the ring's top pair (0.9) reaches precision 0.99: the team scores 0.85, and the
        // cut lies halfway between them.
        Assert.Equal(0.875, root.GetProperty("review_threshold").GetDouble(), 12);
        Assert.Equal(0.875, root.GetProperty("deny_threshold").GetDouble(), 12);
        // Left out, the team no longer holds the threshold up: the ring reaches 0.99 down to 0.7, cut halfway to the
        // singles' 0.1, and it flags both test team accounts.
        var team = root.GetProperty("families_left_out").EnumerateArray().Single(f => f.GetProperty("family").GetString() == "team");
        Assert.Equal(0.4, team.GetProperty("review_threshold").GetDouble(), 12);
        Assert.Equal(2, team.GetProperty("review_flagged").GetInt32());
        Assert.Equal(0, team.GetProperty("in_sample_review_flagged").GetInt32());
        // The held-out world's pooled row holds only the test world.
        var pooled = root.GetProperty("headlines").EnumerateArray().Single(h => h.GetProperty("world").GetString() == "test, pooled");
        Assert.Equal(4, pooled.GetProperty("review_or_deny").GetProperty("fraud").GetInt32());
        // The 20-line baseline keeps the ring's card (4 accounts) and the team's device at N = 10; K = 3 flags only the ring.
        var twentyLine = root.GetProperty("detectors").EnumerateArray().Single(d => d.GetProperty("detector").GetString() == "20-line baseline");
        Assert.Equal(1.0, twentyLine.GetProperty("test").GetProperty("recall").GetDouble());
        Assert.Equal(1.0, twentyLine.GetProperty("test").GetProperty("precision").GetDouble());
        Assert.Contains(root.GetProperty("real_sets").EnumerateArray(), r => r.GetProperty("set").GetString() == "real" && r.GetProperty("upper_bound").GetBoolean());

        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "generalisation.md"));
        Assert.Contains("### Held-out seeds: headline", markdown);
        Assert.Contains("### Leave one family out", markdown);
        Assert.Contains("### Real data: real", markdown);
        Assert.Contains("| seed-11 | test |", markdown);
    }

    [Fact]
    public async Task Generalise_RefusesAWorldBothTunedOnAndHeldOut()
    {
        var tune = await WriteAsync("seed-1", ringScore: 0.7);
        var again = await WriteAsync("seed-1", ringScore: 0.7, folder: "copy");

        var (exit, _, error) = await DistillTool.RunCapturingAsync("generalise", "--tune", tune, "--test", again, "--out", Path.Combine(_folder.Path, "report"));

        Assert.Equal(2, exit);
        Assert.Contains("'seed-1' is given more than once", error);
    }

    /// <summary>
    /// A world of four ring accounts sharing a card (two at 0.9, two at <paramref name="ringScore"/>), two organic
    /// team accounts sharing a device (0.85, denied) and ten single accounts.
    /// </summary>
    private async Task<string> WriteAsync(string world, double ringScore, string? folder = null)
    {
        var labels = new Dictionary<string, LabelledAccount>();
        var events = new List<DistillEvent>();
        var outcomes = new List<AccountOutcome>();
        void Add(string account, bool fraud, string family, double score, string? instrument = null, string? device = null)
        {
            labels[account] = new LabelledAccount(account, fraud, family);
            events.Add(new DistillEvent { Type = EventType.Usage, Account = account, At = T0, Requests = 1, Instrument = instrument, Device = device });
            outcomes.Add(Outcomes.Of(account, family, fraud, score, component: instrument ?? device ?? account));
        }

        Add("r1", true, "ring", 0.9, instrument: "tok_ring");
        Add("r2", true, "ring", 0.9, instrument: "tok_ring");
        Add("r3", true, "ring", ringScore, instrument: "tok_ring");
        Add("r4", true, "ring", ringScore, instrument: "tok_ring");
        Add("t1", false, "team", 0.85, device: "dev_team");
        Add("t2", false, "team", 0.85, device: "dev_team");
        for (var i = 0; i < 10; i++)
        {
            Add($"s{i}", false, "single", 0.1);
        }

        var report = new EvaluationReport(events.Count, labels.Count, 0, [], [])
        {
            World = world,
            Families = FamilyResult.Of(outcomes, new Dictionary<string, CampaignResult>()),
            AccountOutcomes = outcomes,
            BaselineGrid = BaselineGrid.Of(events, labels),
        };
        var path = Path.Combine(_folder.Path, folder ?? world, "evaluation.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
        return path;
    }
}
