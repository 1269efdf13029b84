using Orleans.Distill.Cli;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Simulation;

[Collection(ConsoleCollection.Name)]
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-evaluate-input");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("{\"type\":\"usage\",\"account\":\"a1\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}\n{\"type\":\"usage\",\"account\":\"a2\",\"at\":\"2026-04-22T10:00:00Z\"}", "account,label,campaign\na1,0,single\n", "events.ndjson line 2: requests")]
    [InlineData("{\"type\":\"usage\",\"account\":\"a1\",\"at\":\"2026-04-22T10:00:00Z\",\"requests\":1}", "account,label,campaign\na1,maybe,single\n", "labels.csv line 2: expected account,label,campaign")]
    public async Task Evaluate_RefusesBadInput_NamingTheFileAndLine(string events, string labels, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "events.ndjson"), events);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "labels.csv"), labels);
        // Nothing listens on port 1: the input is refused before any request is sent.
        var (exit, error) = await DistillTool.RunAsync("evaluate", "--url", "http://127.0.0.1:1", "--in", _folder.Path);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }
}
