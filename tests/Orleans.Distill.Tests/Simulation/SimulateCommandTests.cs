using Orleans.Distill.Cli;
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
        Assert.InRange(labels.Length - 1, 950, 1000);
        var events = await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "events.ndjson"));
        Assert.True(events.Length > 10 * (labels.Length - 1), $"only {events.Length} events");
        Assert.All(events.Take(100), e => Assert.StartsWith("{\"type\":", e));
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
