using Orleans.Distill.Cli;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Simulation;

[Collection(ConsoleCollection.Name)]
public sealed class LoadCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-load-input");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Load_RefusesAFolderWithoutAScenario_NamingTheOption()
    {
        var (exit, error) = await DistillTool.RunAsync("load", "--url", "http://127.0.0.1:1", "--in", Path.Combine(_folder.Path, "missing"));

        Assert.Equal(2, exit);
        Assert.StartsWith("--in: ", error);
        Assert.Contains("events.ndjson and labels.csv", error);
    }

    [Fact]
    public async Task Load_RefusesAHostThatDoesNotAnswer_NamingTheOption()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "events.ndjson"), "{\"type\":\"signup\",\"account\":\"a1\",\"at\":\"2026-04-22T10:00:00Z\",\"ip\":\"10.0.0.1\"}");
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "labels.csv"), "account,label,campaign\na1,0,single\n");

        // Nothing listens on port 1.
        var (exit, error) = await DistillTool.RunAsync("load", "--url", "http://127.0.0.1:1", "--in", _folder.Path);

        Assert.Equal(2, exit);
        Assert.StartsWith("--url: no serving Orleans.Distill host at http://127.0.0.1:1/", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "--tls-certificate", "/nonexistent/client.pfx" }, "--tls-certificate: '/nonexistent/client.pfx' does not exist")]
    [InlineData(new[] { "--tls-authority", "/nonexistent/ca.crt" }, "--tls-key and --tls-authority need --tls-certificate")]
    public async Task Load_RefusesUnusableTlsOptions_NamingTheOption(string[] tls, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "events.ndjson"), "{\"type\":\"signup\",\"account\":\"a1\",\"at\":\"2026-04-22T10:00:00Z\",\"ip\":\"10.0.0.1\"}");
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "labels.csv"), "account,label,campaign\na1,0,single\n");

        var (exit, error) = await DistillTool.RunAsync(["load", "--url", "http://127.0.0.1:1", "--in", _folder.Path, .. tls]);

        Assert.Equal(2, exit);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Load_RefusesANegativeCatchUpWait_NamingTheOption()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "events.ndjson"), "{\"type\":\"signup\",\"account\":\"a1\",\"at\":\"2026-04-22T10:00:00Z\",\"ip\":\"10.0.0.1\"}");
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "labels.csv"), "account,label,campaign\na1,0,single\n");

        var (exit, error) = await DistillTool.RunAsync("load", "--url", "http://127.0.0.1:1", "--in", _folder.Path, "--catch-up-seconds", "-1");

        Assert.Equal(2, exit);
        Assert.Equal("--catch-up-seconds: must be zero or more", error.Trim());
    }
}
