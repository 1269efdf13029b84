using System.Globalization;
using System.Text;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>
/// A deterministic NDJSON stream with the sharing patterns the graph must handle: mostly lone accounts,
/// households on one card, offices on one range, and rings sharing a few cards and devices.
/// </summary>
public static class SyntheticEvents
{
    public static string[] Generate(int events, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>(events);
        var start = new DateTime(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);
        var account = 0;
        while (lines.Count < events)
        {
            var group = random.Next(100) switch
            {
                < 70 => 1,              // a lone account
                < 90 => random.Next(2, 5),  // a household
                < 98 => random.Next(5, 40), // an office
                _ => random.Next(50, 300),  // a ring
            };
            var groupId = account;
            var card = random.Next(100) < 50 ? $"tok_g{groupId}" : null;
            var range = $"10.{groupId / 65536 % 256}.{groupId / 256 % 256}.{groupId % 256}";
            for (var m = 0; m < group && lines.Count < events; m++, account++)
            {
                var a = $"acct{account}";
                var at = start.AddMinutes(random.Next(60 * 24 * 44));
                var ip = group == 1 ? $"172.{account / 65536 % 16 + 16}.{account / 256 % 256}.{random.Next(256)}" : $"{range}";
                lines.Add(Line("signup", a, at, $"\"ip\":\"{ip}\",\"device\":\"dev{(group > 40 ? groupId * 1000 + m % 7 : account)}\""));
                lines.Add(Line("payment", a, at.AddMinutes(3), $"\"instrument\":\"{card ?? $"tok_a{account}"}\""));
                var usage = random.Next(2, 8);
                for (var u = 0; u < usage && lines.Count < events; u++)
                {
                    var category = group > 40 ? "coding" : random.Next(4) switch { 0 => "coding", 1 => "chat", 2 => "reasoning", _ => "other" };
                    lines.Add(Line("usage", a, at.AddHours(u + 1),
                        $"\"ip\":\"{ip}\",\"requests\":{random.Next(1, 500)},\"tokens\":{random.Next(100, 90000)},\"category\":\"{category}\",\"template\":\"tpl{(group > 40 ? groupId : account)}\""));
                }
            }
        }

        return [.. lines.Take(events)];

        string Line(string type, string a, DateTime at, string rest) =>
            $"{{\"type\":\"{type}\",\"account\":\"{a}\",\"at\":\"{at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\",\"id\":\"{a}-{lines.Count}\",{rest}}}";
    }

    public static byte[] Body(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));
}
