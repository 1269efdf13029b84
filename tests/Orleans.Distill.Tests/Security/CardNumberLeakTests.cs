using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>
/// Card numbers sent in every field a producer, a signup flow or an analyst writes are refused, and after the run
/// neither the SQLite files nor the host's own log (at Debug) hold one, in any spelling.
/// </summary>
public sealed class CardNumberLeakTests : IDisposable
{
    private const string Pan = "4539578763621486";

    private static readonly string[] Spellings = [Pan, "4539 5787 6362 1486", "4539-5787-6362-1486"];

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

            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/v1/accounts/clean")).StatusCode);
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
}
