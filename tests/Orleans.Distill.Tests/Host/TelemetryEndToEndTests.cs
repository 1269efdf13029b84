using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Orleans.Distill.Tests.Host;

/// <summary>The host's own metrics reach the default (console) exporter, and the Orleans dashboard is served.</summary>
public sealed class TelemetryEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-telemetry");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ConsoleExporter_PrintsIngestAndRiskMetrics_AndDashboardIsServed()
    {
        await using var host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory", "--Distill:Telemetry:ConsoleIntervalSeconds", "1");
        var events = """
            {"type":"payment","account":"tm1","at":"2026-04-22T10:00:00Z","instrument":"tok_tm","id":"t1"}
            {"type":"payment","account":"tm2","at":"2026-04-22T10:01:00Z","instrument":"tok_tm","id":"t2"}
            {"type":"payment","account":"tm3","at":"not-a-time","instrument":"tok_tm"}
            """;
        using var ingest = await host.Http.PostAsync("/v1/events", new StringContent(events, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        using var risk = await host.Http.PostAsJsonAsync("/v1/risk/signup", new { ip = "203.0.113.9", instrument = "tok_tm" });
        Assert.Equal(HttpStatusCode.OK, risk.StatusCode);

        await Eventually.WaitUntilAsync(() => Task.FromResult(
                new[] { "distill.events.ingested", "distill.events.rejected", "distill.components.merged", "distill.risk.checks", "distill.risk.check.duration" }
                    .All(name => host.Output.Contains(name, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "the console exporter to print the Orleans.Distill meters");
        Assert.Contains("decision: allow", host.Output);
        // Operators see the share of risk answers that came from part of the graph.
        Assert.Contains("degraded: ", host.Output);

        using var dashboard = await host.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Orleans", await dashboard.Content.ReadAsStringAsync());
    }
}
