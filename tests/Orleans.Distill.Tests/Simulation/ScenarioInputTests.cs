using System.IO.Compression;
using System.Text;
using Orleans.Distill.Cli;
using Orleans.Distill.Cli.Load;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Simulation;

public sealed class ScenarioInputTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-scenario-input");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AGzippedScenario_WithAKindColumn_ReadsAsAPlainOne()
    {
        await Gzip("events.ndjson.gz",
            "{\"type\":\"usage\",\"account\":\"y-u1\",\"at\":\"2010-01-01T12:00:00Z\",\"requests\":1,\"template\":\"b-1\"}\n"
            + "{\"type\":\"usage\",\"account\":\"y-u2\",\"at\":\"2010-01-02T12:00:00Z\",\"requests\":1,\"template\":\"b-1\"}\n");
        await Gzip("labels.csv.gz", "account,label,kind\ny-u1,1,filtered\ny-u2,0,organic\n");

        var (events, labels, error) = ScenarioInput.Files(new DirectoryInfo(_folder.Path));
        var scenario = await Scenario.ReadAsync(events, labels, CancellationToken.None);

        Assert.Null(error);
        Assert.EndsWith("events.ndjson.gz", events);
        Assert.Equal(["y-u1", "y-u2"], scenario.Events.Select(e => e.Account));
        Assert.Equal(2, scenario.Lines.Length);
        Assert.Equal(("filtered", true), (scenario.Labels["y-u1"].Group, scenario.Labels["y-u1"].Fraud));
        Assert.Equal(("organic", false), (scenario.Labels["y-u2"].Group, scenario.Labels["y-u2"].Fraud));
    }

    [Theory]
    [InlineData("account,label,colour\na1,1,red\n", "line 1: expected the header")]
    [InlineData("account,label,kind\na1,1,ring\na2,0,ring\n", "family 'ring' holds accounts labelled 0 and 1")]
    public async Task Labels_AreRefused_NamingWhatIsWrong(string labels, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "labels.csv"), labels);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "events.ndjson"), "{\"type\":\"usage\",\"account\":\"a1\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}\n");
        var (events, labelsPath, _) = ScenarioInput.Files(new DirectoryInfo(_folder.Path));

        var refused = await Assert.ThrowsAsync<FormatException>(() => Scenario.ReadAsync(events, labelsPath, CancellationToken.None));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public async Task ABadLine_IsNamedByItsNumberInTheWholeFile_BeyondTheFirstSlice()
    {
        var lines = Enumerable.Range(0, 12_345).Select(i => $"{{\"type\":\"usage\",\"account\":\"a{i}\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}}").ToList();
        lines[12_000] = "{\"type\":\"usage\",\"account\":\"bad\",\"at\":\"2026-04-22T10:00:00Z\"}";
        await Gzip("events.ndjson.gz", string.Join('\n', lines));
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "labels.csv"), "account,label,campaign\n");
        var (events, labels, _) = ScenarioInput.Files(new DirectoryInfo(_folder.Path));

        var refused = await Assert.ThrowsAsync<FormatException>(() => Scenario.ReadAsync(events, labels, CancellationToken.None));

        Assert.Contains("events.ndjson.gz line 12001: requests", refused.Message);
    }

    private async Task Gzip(string name, string text)
    {
        await using var file = File.Create(Path.Combine(_folder.Path, name));
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await gzip.WriteAsync(Encoding.UTF8.GetBytes(text));
    }
}
