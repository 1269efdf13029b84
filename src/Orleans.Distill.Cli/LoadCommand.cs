using System.CommandLine;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Distill.Cli.Load;
using Spectre.Console;

namespace Orleans.Distill.Cli;

/// <summary>
/// <c>load</c>: end-to-end figures of a running host (ingest throughput, risk-check latency while ingesting, memory
/// per million accounts), each beside a baseline measured in the same run.
/// </summary>
public static class LoadCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A run without a single response has no percentiles; NaN says so where a number would lie.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The host's HTTP address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var input = new Option<DirectoryInfo>("--in") { Description = "Folder holding events.ndjson and labels.csv (from simulate)", DefaultValueFactory = _ => new DirectoryInfo("sim") };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for load.json", DefaultValueFactory = _ => new DirectoryInfo("results") };
        var batch = new Option<int>("--batch") { Description = "Events per POST /v1/events", DefaultValueFactory = _ => 5_000 };
        var producers = new Option<int>("--producers") { Description = "Batches posted concurrently", DefaultValueFactory = _ => 4 };
        var rate = new Option<double>("--rate") { Description = "Risk checks per second, open loop (and as many GET /health beside them)", DefaultValueFactory = _ => 1_000 };
        var seconds = new Option<double>("--seconds") { Description = "How long the risk check is measured while the second half of the events arrives", DefaultValueFactory = _ => 20 };
        var catchUp = new Option<double>("--catch-up-seconds")
        {
            Description = "How long to wait, after the last batch, for re-scoring to catch up before reporting it behind (0: do not wait)",
            DefaultValueFactory = _ => 600,
        };
        var gateway = new Option<string>("--gateway") { Description = "The host's Orleans gateway, for the no-op grain call baseline", DefaultValueFactory = _ => "127.0.0.1:30000" };
        var serviceId = new Option<string>("--service-id") { Description = "The host's Orleans service id", DefaultValueFactory = _ => "orleans-distill" };
        var clusterId = new Option<string>("--cluster-id") { Description = "The host's Orleans cluster id", DefaultValueFactory = _ => "distill-local" };
        var tls = new GatewayTls();

        var command = new Command("load", "Measure a running host: ingest rate, risk-check latency while ingesting, memory, each beside a baseline")
        {
            url, input, output, batch, producers, rate, seconds, catchUp, gateway, serviceId, clusterId,
        };
        foreach (var option in tls.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellation) =>
        {
            var (eventsPath, labelsPath, filesError) = ScenarioInput.Files(result.GetValue(input)!);
            var (hostUrl, urlError) = ScenarioInput.HostUrl(result.GetValue(url));
            if ((filesError ?? urlError) is { } refused)
            {
                return await RefuseAsync(refused);
            }

            var host = hostUrl!;

            if (!IPEndPoint.TryParse(result.GetValue(gateway)!, out var endpoint) || endpoint.Port == 0)
            {
                return await RefuseAsync($"--gateway: '{result.GetValue(gateway)}' is not an address and port such as 127.0.0.1:30000");
            }

            if (Positive(result, batch, producers, rate, seconds) is { } notPositive)
            {
                return await RefuseAsync($"{notPositive}: must be greater than zero");
            }

            if (!(result.GetValue(catchUp) >= 0))
            {
                return await RefuseAsync($"{catchUp.Name}: must be zero or more");
            }

            var (certificates, tlsRefusal) = tls.Read(result);
            if (tlsRefusal is not null)
            {
                return await RefuseAsync(tlsRefusal);
            }

            using var held = certificates;
            var settings = new LoadSettings(host, endpoint, result.GetValue(serviceId)!, result.GetValue(clusterId)!,
                result.GetValue(batch), result.GetValue(producers), result.GetValue(rate), result.GetValue(seconds), result.GetValue(catchUp));
            Scenario scenario;
            try
            {
                scenario = await Scenario.ReadAsync(eventsPath, labelsPath, cancellation);
            }
            catch (FormatException e)
            {
                return await RefuseAsync(e.Message);
            }

            HostMemory before;
            using (var probe = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(10) })
            {
                try
                {
                    using var health = await probe.GetAsync("/health", cancellation);
                    health.EnsureSuccessStatusCode();
                    before = await HostMemory.ReadAsync(probe, cancellation);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException)
                {
                    return await RefuseAsync($"--url: no serving Orleans.Distill host at {host} ({Reason(e)})");
                }
            }

            GatewayClient client;
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                limit.CancelAfter(TimeSpan.FromSeconds(30));
                client = await GatewayClient.ConnectAsync(endpoint, settings.ServiceId, settings.ClusterId, certificates, limit.Token);
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested)
            {
                return await RefuseAsync(
                    $"--gateway: no Orleans gateway of service '{settings.ServiceId}', cluster '{settings.ClusterId}' answers at {endpoint} ({Reason(e)})");
            }

            LoadReport report;
            await using (client)
            {
                try
                {
                    report = await LoadRun.RunAsync(settings, scenario, client.Grains, before, cancellation);
                }
                catch (HttpRequestException e)
                {
                    // The host answered at first: it went away or failed during the run, which is not bad input.
                    await Console.Error.WriteLineAsync($"--url: the host at {host} stopped answering during the run ({Reason(e)})");
                    return 1;
                }
            }

            LoadTable.Print(report);
            var results = result.GetValue(output)!;
            results.Create();
            var path = Path.Combine(results.FullName, "load.json");
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json), cancellation);
            AnsiConsole.MarkupLineInterpolated($"written to {path}");
            return 0;
        });
        return command;
    }

    private static string? Positive(ParseResult result, Option<int> batch, Option<int> producers, Option<double> rate, Option<double> seconds) =>
        result.GetValue(batch) <= 0 ? batch.Name
        : result.GetValue(producers) <= 0 ? producers.Name
        : !(result.GetValue(rate) > 0) ? rate.Name
        : !(result.GetValue(seconds) > 0) ? seconds.Name
        : null;

    private static string Reason(Exception e) => e is TaskCanceledException or OperationCanceledException ? "timed out" : e.Message;

    private static async Task<int> RefuseAsync(string line)
    {
        await Console.Error.WriteLineAsync(line);
        return 2;
    }
}
