using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Distill.Grains;
using Orleans.Distill.Host.Hosting;
using Orleans.Distill.Telemetry;
using Orleans.Runtime;

namespace Orleans.Distill.Tests.Host;

/// <summary>
/// What a request that fails answers, over real HTTP on the real host built in this process: <c>503</c> with
/// <c>Retry-After</c> only for what sending it again can cure, <c>500</c> with an <c>error_id</c> for a bug, the
/// same id in the log line that carries the stack trace, and both counted in <c>distill.api.errors</c>.
/// </summary>
public sealed class ErrorAnswerTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private readonly ConcurrentQueue<(long Value, Dictionary<string, object?> Tags)> _errors = new();
    private readonly MeterListener _listener = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DistillTelemetry.Name && instrument.Name == "distill.api.errors")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            _errors.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();

        _app = DistillHost.Build(
        [
            "--storage", "memory", "--urls", "http://127.0.0.1:0",
            "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString(),
            "--Distill:Telemetry:Exporter", "none", "--Distill:Dashboard:Enabled", "false",
            // Nothing in the background may thaw the component this test freezes.
            "--Distill:Detection:RunRebuilds", "false",
            // A batch held up by a frozen component outlives the request's deadline long before its own wait ends.
            // The deadline is still one a fresh host's first batch meets on a busy machine: half a second once was
            // not, and a batch that was to be applied answered 503.
            "--Distill:Graph:MaxSplitWait", "00:05:00", "--Distill:Ingest:Deadline", "00:00:05",
        ], builder => builder.Logging.AddProvider(_logs));
        _app.MapGet("/test/bug", string () => throw new InvalidOperationException("a bug in a handler"));
        _app.MapGet("/test/silo-gone", string () => throw new SiloUnavailableException("the silo holding the grain died"));
        _app.MapGet("/test/timeout", string () => throw new TimeoutException("a grain call timed out"));
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _listener.Dispose();
    }

    [Fact]
    public async Task ABug_Answers500_WithAnErrorIdThatIsInTheLogLineWithTheStackTrace_AndIsCounted()
    {
        using var response = await _http.GetAsync("/test/bug");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(response.Headers.Contains("Retry-After"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errorId = body.GetProperty("error_id").GetString()!;
        Assert.Matches("^[0-9a-f]{16}$", errorId);
        Assert.Contains(errorId, body.GetProperty("error").GetString());
        Assert.DoesNotContain("a bug in a handler", body.ToString());

        var line = Assert.Single(_logs.Lines, l => l.Message.Contains(errorId, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains("/test/bug", line.Message);
        Assert.IsType<InvalidOperationException>(line.Exception);
        Assert.NotNull(line.Exception!.StackTrace);
        Assert.Contains(_errors, e => Equals(e.Tags["status"], 500) && Equals(e.Tags["route"], "/test/bug")
            && Equals(e.Tags["exception"], nameof(InvalidOperationException)));
    }

    [Theory]
    [InlineData("/test/silo-gone", "a silo went away")]
    [InlineData("/test/timeout", "a call timed out")]
    public async Task WhatARetryCures_Answers503_WithRetryAfter(string path, string reason)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains(reason, error);
        Assert.Contains("send the same request again", error);
        Assert.Contains(_errors, e => Equals(e.Tags["status"], 503) && Equals(e.Tags["route"], path));
    }

    [Fact]
    public async Task ABatchHeldUpByAFrozenComponent_Answers503AtItsDeadline_AndAppliesOnceSentAgainAfterTheThaw()
    {
        using var first = await PostEventsAsync("""{"type":"payment","account":"fz","at":"2026-04-22T10:00:00Z","instrument":"tok_fz_1","id":"fz1"}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var component = (await _http.GetFromJsonAsync<JsonElement>("/v1/accounts/fz")).GetProperty("component").GetString()!;
        var grains = _app.Services.GetRequiredService<IGrainFactory>();
        Assert.True(await grains.GetGrain<IComponentGrain>(component).Freeze());

        // A new card must join fz's component, which is frozen as if for a split that never ends.
        const string batch = """{"type":"payment","account":"fz","at":"2026-04-22T10:05:00Z","instrument":"tok_fz_2","id":"fz2"}""";
        using var frozen = await PostEventsAsync(batch);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, frozen.StatusCode);
        Assert.NotNull(frozen.Headers.RetryAfter);
        Assert.Contains("send the same request again", await frozen.Content.ReadAsStringAsync());

        await grains.GetGrain<IComponentGrain>(component).Thaw();
        using var again = await PostEventsAsync(batch);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var account = await _http.GetFromJsonAsync<JsonElement>("/v1/accounts/fz");
        var card = Assert.Single(account.GetProperty("links").EnumerateArray(), l => l.GetProperty("entity").GetString() == "tok_fz_2");
        Assert.Equal(1, card.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task InvalidUtf8InOneLine_RejectsThatLine_AndAppliesTheRest()
    {
        var body = new List<byte>();
        body.AddRange("\uFEFF"u8.ToArray());
        body.AddRange("""{"type":"signup","account":"u1","at":"2026-04-22T10:00:00Z","ip":"203.0.113.1"}"""u8.ToArray());
        body.AddRange("\n{\"type\":\"signup\",\"account\":\"u2\",\"at\":\"2026-04-22T10:00:00Z\",\"ip\":\"203.0.113.2\",\"device\":\"ph"u8.ToArray());
        body.Add(0xFF);
        body.AddRange("ne\"}\n{\"type\":\"signup\",\"account\":\"u3\",\"at\":\"2026-04-22T10:00:00Z\",\"ip\":\"203.0.113.3\"}\n"u8.ToArray());
        using var content = new ByteArrayContent([.. body]);
        content.Headers.ContentType = new("application/x-ndjson");

        using var response = await _http.PostAsync("/v1/events", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal((2, "device: not valid UTF-8"), (rejected.GetProperty("line").GetInt32(), rejected.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/v1/accounts/u1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/v1/accounts/u2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/v1/accounts/u3")).StatusCode);
    }

    private Task<HttpResponseMessage> PostEventsAsync(string ndjson) =>
        _http.PostAsync("/v1/events", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
}
