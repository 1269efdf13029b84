using System.Globalization;

namespace Orleans.Distill.Tests.Postgres;

/// <summary>
/// The chaos test's events: accounts in blocks of 50 that share cards (5 accounts each) and devices within their
/// block, so the graph has many components of known shape and no hubs; every event has an id, so re-sent events
/// apply once. Deterministic.
/// </summary>
public static class ChaosWorkload
{
    public const int Accounts = 1500;
    private const int Block = 50;

    public static string Card(int account) => $"tok_chaos_{account / 5}";

    private static string Device(int account, int salt) => $"dev_chaos_{account / Block}_{(account + salt) % 10}";

    public static List<string> Lines(int count)
    {
        var random = new Random(7);
        var start = new DateTime(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);
        var lines = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var account = random.Next(Accounts);
            var at = start.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var id = $"chaos-{i}";
            lines.Add((i % 4) switch
            {
                0 => $$"""{"type":"payment","account":"ch{{account}}","at":"{{at}}","instrument":"{{Card(account)}}","id":"{{id}}"}""",
                1 => $$"""{"type":"usage","account":"ch{{account}}","at":"{{at}}","requests":{{1 + (i % 5)}},"category":"coding","device":"{{Device(account, random.Next(3))}}","id":"{{id}}"}""",
                _ => $$"""{"type":"usage","account":"ch{{account}}","at":"{{at}}","requests":{{1 + (i % 7)}},"category":"chat","id":"{{id}}"}""",
            });
        }

        return lines;
    }
}
