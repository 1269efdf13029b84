using Orleans.Distill.Cli;
using Orleans.Distill.Cli.Simulation.Families;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Simulation;

/// <summary>The commands as a user runs them. These tests redirect the process's standard error, so they run one at a time.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SimulateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-simulate");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Simulate_WritesEventsAndLabels()
    {
        var (exit, error) = await DistillTool.RunAsync("simulate", "--seed", "5", "--accounts", "1000", "--out", _folder.Path);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var labels = await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "labels.csv"));
        Assert.Equal("account,label,campaign", labels[0]);
        Assert.Equal(1000, labels.Length - 1);
        Assert.Equal(50, labels.Skip(1).Count(l => l.Split(',')[1] == "1"));
        var events = await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "events.ndjson"));
        Assert.True(events.Length > 10 * (labels.Length - 1), $"only {events.Length} events");
        Assert.All(events.Take(100), e => Assert.StartsWith("{\"type\":", e));
    }

    [Fact]
    public async Task Simulate_Families_RestrictsTheGroupsWritten()
    {
        var (exit, error) = await DistillTool.RunAsync("simulate", "--accounts", "1000", "--families", "single, small_ring", "--out", _folder.Path);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var groups = (await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "labels.csv"))).Skip(1).Select(l => l.Split(',')[2]).Distinct().Order();
        Assert.Equal(["single", "small_ring"], groups);
    }

    [Fact]
    public async Task Simulate_RefusesAnUnknownFamily_NamingItAndTheKnownOnes()
    {
        var (exit, error) = await DistillTool.RunAsync("simulate", "--families", "card_farm,sockpuppets", "--out", _folder.Path);

        Assert.Equal(2, exit);
        Assert.Contains("--families: unknown 'sockpuppets'", error);
        Assert.Contains("known: single, household,", error);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "events.ndjson")));
    }

    [Fact]
    public async Task Simulate_ListFamilies_PrintsTheCatalogue()
    {
        var (exit, output, error) = await DistillTool.RunCapturingAsync("simulate", "--list-families");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FamilyCatalogue.All.Count, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("household_proxy", StringComparison.Ordinal) && l.Contains("campaign"));
        Assert.Contains(lines, l => l.StartsWith("team_shared_key", StringComparison.Ordinal) && l.Contains("organic"));
    }

    [Fact]
    public async Task Simulate_RefusesATooSmallScale_NamingTheOption()
    {
        var (exit, error) = await DistillTool.RunAsync("simulate", "--accounts", "10", "--out", _folder.Path);

        Assert.Equal(2, exit);
        Assert.Contains("--accounts: at least 500", error);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "events.ndjson")));
    }
}
