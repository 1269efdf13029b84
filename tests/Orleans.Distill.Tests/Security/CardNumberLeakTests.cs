using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>
/// Card numbers sent in every field a producer, a signup flow or an analyst writes, in the body or in the URL, are
/// refused, and after the run neither the SQLite files nor the host's own log (at Debug) nor its traces hold one, in
/// any spelling.
/// </summary>
public sealed class CardNumberLeakTests : IDisposable
{
    private const string Pan = "4539578763621486";

    private static readonly string[] Spellings = [Pan, "4539 5787 6362 1486", "4539-5787-6362-1486"];

    /// <summary>The trace every refused URL's request belongs to: each is sampled, as a caller's sampled trace would make it.</summary>
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    private readonly TempFolder _folder = new("distill-pan");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CardNumbers_InAnyField_AreRefused_AndReachNeitherStorageNorLogs()
    {
        string output;
        await using (var host = await HostProcess.StartAsync(_folder.Path, "--Logging:LogLevel:Default=Debug", "--Distill:Telemetry:Exporter=console"))
        {
            var lines = new List<string> { """{"type":"signup","account":"clean","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7","device":"dev-1","id":"c1"}""" };
            foreach (var (field, spelling) in new[] { "instrument", "device", "template", "email", "country", "source", "note" }.Zip(Spellings.Concat(Spellings).Concat(Spellings)))
            {
                lines.Add($$"""{"type":"label","account":"victim","at":"2026-04-22T10:00:00Z","verdict":"fraud","instrument":"x","{{field}}":"card {{spelling}} here"}""");
            }

            lines.Add($$"""{"type":"usage","account":"{{Pan}}","at":"2026-04-22T10:00:00Z","requests":1}""");
            using var ingest = await host.Http.PostAsync("/v1/events", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));
            var answer = await ingest.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
            Assert.Equal(lines.Count - 1, answer.GetProperty("rejected").GetArrayLength());
            Assert.All(answer.GetProperty("rejected").EnumerateArray(), r => Assert.Contains("looks like a raw card number", r.GetProperty("error").GetString()));

            foreach (var body in new object[] { new { ip = "203.0.113.9", device = Pan }, new { ip = "203.0.113.9", email = $"{Pan}@example.com" }, new { ip = "203.0.113.9", instrument = Spellings[1] } })
            {
                using var risk = await host.Http.PostAsJsonAsync("/v1/risk/signup", body);
                Assert.Equal(HttpStatusCode.BadRequest, risk.StatusCode);
            }

            using var label = await host.Http.PostAsJsonAsync("/v1/accounts/clean/label", new { verdict = "fraud", who = "ana", why = $"used card {Spellings[2]}" });
            Assert.Equal(HttpStatusCode.BadRequest, label.StatusCode);
            using var benign = await host.Http.PostAsJsonAsync("/v1/entities/benign", new { kind = "device", entity = Pan, who = "ana", why = "x" });
            Assert.Equal(HttpStatusCode.BadRequest, benign.StatusCode);

            var traced = await AssertUrlsRefusedAsync(host.Http);

            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/v1/accounts/clean")).StatusCode);
            // The search of the output covers the refused requests' traces only once they are all in it.
            await Eventually.WaitUntilAsync(() => Task.FromResult(host.Output.Split(TraceId).Length - 1 >= traced),
                TimeSpan.FromSeconds(30), "the refused requests' traces in the host's output");
            output = host.Output;
        }

        var files = Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("distill.db", StringComparison.Ordinal));
        // The search would find a stored string: the accepted account's device is there.
        Assert.Contains(files, f => File.ReadAllBytes(f).AsSpan().IndexOf("device:dev-1"u8) >= 0);
        foreach (var spelling in Spellings)
        {
            Assert.DoesNotContain(spelling, output);
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(spelling)) < 0, $"{file} holds the card number as '{spelling}'");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(spelling)) < 0, $"{file} holds the card number as UTF-16 '{spelling}'");
            }
        }
    }

    /// <summary>
    /// A card number in a path segment or a query value of any call is refused with the field named, before the call
    /// records anything: an erasure's <c>why</c> and <c>who</c>, and an account id that the audit log would keep as
    /// the target even of an action on an account that is not known. Each request is traced, so a grain called with
    /// the account id would show it in the trace. Answers how many requests it made.
    /// </summary>
    private static async Task<int> AssertUrlsRefusedAsync(HttpClient http)
    {
        const string label = """{"verdict":"fraud","who":"ana","why":"x"}""";
        var refused = new (HttpMethod Method, string Url, string? Body, string Field)[]
        {
            (HttpMethod.Delete, $"/v1/accounts/clean?why=card%20{Pan}&who=ana", null, "why"),
            (HttpMethod.Delete, $"/v1/accounts/clean?why=request&who={Uri.EscapeDataString(Spellings[1])}", null, "who"),
            (HttpMethod.Delete, $"/v1/accounts/{Pan}?why=request&who=ana", null, "account"),
            (HttpMethod.Post, $"/v1/accounts/{Pan}/label", label, "account"),
            (HttpMethod.Post, $"/v1/accounts/{Uri.EscapeDataString(Spellings[1])}/label", label, "account"),
            (HttpMethod.Post, $"/v1/accounts/{Spellings[2]}/clear", """{"who":"ana","why":"x"}""", "account"),
            (HttpMethod.Post, $"/v1/components/{Pan}/label", label, "id"),
            (HttpMethod.Get, $"/v1/accounts/{Pan}", null, "account"),
            (HttpMethod.Get, $"/v1/components/c-0000000000000001/path?from=clean&to={Spellings[2]}", null, "to"),
            (HttpMethod.Get, $"/v1/components?top=5&by={Pan}", null, "by"),
            (HttpMethod.Get, $"/v1/audit?{Pan}=1", null, "query"),
            (HttpMethod.Get, $"/v1/no-such-call/{Pan}", null, "path"),
        };
        foreach (var (method, url, body, field) in refused)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(field, error.GetProperty("field").GetString());
            Assert.Contains("looks like a raw card number", error.GetProperty("error").GetString());
        }

        return refused.Length;
    }
}
