using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Tests.Events;
using Orleans.Distill.Tests.Host;
using Xunit.Abstractions;

namespace Orleans.Distill.Tests.Security;

/// <summary>
/// Hostile bodies through <c>POST /v1/events</c> on the real host: mutated lines beside valid ones never cost a
/// <c>500</c> or a valid line, and every valid line is applied exactly once, re-sent or not; a ten-megabyte line
/// costs only itself; a body that dribbles in slower than Kestrel's minimum data rate is cut off, and the host
/// goes on serving.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 100;
    private const int LinesPerRequest = 100;

    private readonly TempFolder _folder = new("distill-hostile");
    private HostProcess _host = null!;

    public async Task InitializeAsync() => _host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory");

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task MutatedLines_NeverCostA500_OrAValidLine_AndValidLinesApplyExactlyOnce()
    {
        var random = new Random(7);
        var bodies = new List<byte[]>();
        var usage = new Dictionary<string, long>();
        var (valid, accepted) = (0, 0);
        for (var r = 0; r < Requests; r++)
        {
            var body = new List<byte>();
            for (var l = 0; l < LinesPerRequest; l++)
            {
                var n = (r * LinesPerRequest) + l;
                var line = HostileLines.Valid(random, n);
                if (random.Next(3) == 0)
                {
                    body.AddRange(HostileLines.Mutate(random, Encoding.UTF8.GetBytes(line)));
                }
                else
                {
                    body.AddRange(Encoding.UTF8.GetBytes(line));
                    valid++;
                    if (line.Contains("\"usage\"", StringComparison.Ordinal))
                    {
                        usage[$"f{n}"] = 1 + (n % 500);
                    }
                }

                body.AddRange("\r\n"u8.ToArray());
            }

            bodies.Add([.. body]);
            var answer = await PostAsync(bodies[^1]);
            accepted += answer.GetProperty("accepted").GetInt32();
        }

        output.WriteLine($"{Requests} requests, {Requests * LinesPerRequest:N0} lines: {valid:N0} valid, {accepted:N0} accepted");
        Assert.InRange(accepted, valid, Requests * LinesPerRequest);

        foreach (var (account, requests) in usage.Take(200))
        {
            var view = await _host.Http.GetFromJsonAsync<JsonElement>($"/v1/accounts/{account}");
            Assert.Equal(requests, view.GetProperty("requests").GetInt64());
        }

        // Sent again, every accepted line is a duplicate, and nothing is counted twice.
        foreach (var body in bodies.Take(10))
        {
            var again = await PostAsync(body);
            Assert.Equal(again.GetProperty("accepted").GetInt32(), again.GetProperty("duplicates").GetInt32());
        }

        foreach (var (account, requests) in usage.Take(50))
        {
            Assert.Equal(requests, (await _host.Http.GetFromJsonAsync<JsonElement>($"/v1/accounts/{account}")).GetProperty("requests").GetInt64());
        }
    }

    [Fact]
    public async Task ATenMegabyteLine_CostsOnlyItself()
    {
        var body = """{"type":"usage","account":"big","at":"2026-04-22T10:00:00Z","requests":1,"note":""" + "\"" + new string('a', 10 * 1024 * 1024) + "\"}\n"
            + """{"type":"usage","account":"beside-big","at":"2026-04-22T10:00:00Z","requests":3}""";
        var answer = await PostAsync(Encoding.UTF8.GetBytes(body));
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, Assert.Single(answer.GetProperty("rejected").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(3, (await _host.Http.GetFromJsonAsync<JsonElement>("/v1/accounts/beside-big")).GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task ABodyDribbledInTooSlowly_IsCutOff_AndTheHostGoesOnServing()
    {
        using var content = new DribbleContent();
        using var client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var started = DateTime.UtcNow;
        var outcome = await Record(() => client.PostAsync("/v1/events", content));

        // Kestrel's minimum request body data rate (240 bytes/s after a 5 s grace) ends it long before the body does.
        Assert.True(outcome is HttpRequestException or TaskCanceledException || outcome is HttpResponseMessage { StatusCode: HttpStatusCode.RequestTimeout },
            $"the slow body was answered {outcome}");
        Assert.True(content.Sent < DribbleContent.Length, $"all {content.Sent} bytes were taken in {DateTime.UtcNow - started}");
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/health")).StatusCode);
    }

    private static async Task<object> Record(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return e;
        }
    }

    private async Task<JsonElement> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-ndjson");
        using var response = await _host.Http.PostAsync("/v1/events", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A valid body sent one byte every 200 ms: 5 bytes a second, far below Kestrel's minimum.</summary>
    private sealed class DribbleContent : HttpContent
    {
        public const int Length = 400;

        /// <summary>The pace of the slow sender under test, not a wait for anything.</summary>
        private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);

        public int Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var body = Encoding.UTF8.GetBytes(("""{"type":"usage","account":"slow","at":"2026-04-22T10:00:00Z","requests":1}""" + "\n").PadRight(Length));
            for (var i = 0; i < Length; i++)
            {
                await stream.WriteAsync(body.AsMemory(i, 1));
                await stream.FlushAsync();
                Sent++;
                await Task.Delay(Pace);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Length;
            return true;
        }
    }
}
