using System.Text;
using Microsoft.Extensions.Time.Testing;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;
using Xunit.Abstractions;

namespace Orleans.Distill.Tests.Events;

/// <summary>
/// Over a million generated and mutated lines through the parser, in batches that mix them: nothing throws (a
/// batch with no JSON object at all is refused as a body, as it should be), and every valid line is accepted
/// exactly once, under its own line number, whatever stands beside it.
/// </summary>
public sealed class EventParserFuzzTests(ITestOutputHelper output)
{
    private const int Lines = 1_000_000;
    private const int BatchLines = 500;

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly EventParser _parser = new(new KeyOptions(), new IngestOptions(), new FakeTimeProvider(Now));

    [Fact]
    public void AMillionMutatedLines_NeverThrow_AndEveryValidLineIsAcceptedOnce()
    {
        var random = new Random(20261130);
        var (batches, valid, mutated, rejected) = (0, 0, 0, 0);
        for (var sent = 0; sent < Lines; sent += BatchLines)
        {
            var body = new List<byte>();
            var validLines = new HashSet<int>();
            var crlf = random.Next(4) == 0;
            if (random.Next(8) == 0)
            {
                body.AddRange([0xEF, 0xBB, 0xBF]);
            }

            for (var line = 1; line <= BatchLines; line++)
            {
                var text = HostileLines.Valid(random, sent + line);
                if (random.Next(3) == 0)
                {
                    body.AddRange(HostileLines.Mutate(random, Encoding.UTF8.GetBytes(text)));
                    mutated++;
                }
                else
                {
                    body.AddRange(Encoding.UTF8.GetBytes(text));
                    validLines.Add(line);
                    valid++;
                }

                body.AddRange(crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray());
            }

            var batch = _parser.Parse(body.ToArray());
            batches++;
            rejected += batch.Rejected.Count;
            Assert.Equal(batch.EventLines.Count, batch.EventLines.Distinct().Count());
            Assert.Subset(batch.EventLines.ToHashSet(), validLines);
            Assert.All(batch.Rejected, r => Assert.False(validLines.Contains(r.Line), $"valid line {r.Line} rejected: {r.Error}"));
            Assert.Equal(BatchLines, batch.EventLines.Count + batch.Rejected.Count);
        }

        output.WriteLine($"{batches:N0} batches, {valid + mutated:N0} lines: {valid:N0} valid (all accepted), {mutated:N0} mutated, {rejected:N0} rejected");
        Assert.True(valid + mutated >= Lines);
    }

    [Fact]
    public void HugeAndNegativeNumbers_DeepNesting_AndATenMegabyteLine_CostOnlyTheirLine()
    {
        string[] hostile =
        [
            """{"type":"usage","account":"h","at":"2026-04-22T10:00:00Z","requests":1e400}""",
            """{"type":"usage","account":"h","at":"2026-04-22T10:00:00Z","requests":-5}""",
            """{"type":"usage","account":"h","at":"2026-04-22T10:00:00Z","requests":99999999999999999999999}""",
            """{"type":"usage","account":"h","at":"2026-04-22T10:00:00Z","requests":1,"tokens":-1}""",
            """{"type":"usage","account":"h","at":"2026-04-22T10:00:00Z","requests":1,"x":""" + new string('[', 10_000) + new string(']', 10_000) + "}",
            new string('{', 100_000),
            """{"type":"usage","account":"h","at":"2026-04-22T10:00:00Z","requests":1,"note":""" + "\"" + new string('a', 10 * 1024 * 1024) + "\"}",
        ];
        var good = """{"type":"usage","account":"ok","at":"2026-04-22T10:00:00Z","requests":1}""";
        var body = string.Join('\n', hostile.SelectMany(h => new[] { h, good }));

        var batch = _parser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(Enumerable.Range(0, hostile.Length).Select(i => 2 * i + 2), batch.EventLines);
        Assert.Equal(Enumerable.Range(0, hostile.Length).Select(i => 2 * i + 1), batch.Rejected.Select(r => r.Line));
        Assert.Contains("longer than", batch.Rejected[^1].Error);
    }
}
