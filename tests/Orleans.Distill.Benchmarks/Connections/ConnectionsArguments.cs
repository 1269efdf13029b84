using System.Globalization;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// <c>connections [counts=100,1000,5000] [seconds=15] [warmup=3] [accounts=20000] [events=0] [rate=0] [timeout=30]
/// [host=process] [limited=1000] [limit=500]</c>: positional (counts, then seconds), or by name in any order.
/// </summary>
/// <param name="Counts">Connection counts, one phase each; the first is the baseline the others are compared with.</param>
/// <param name="EventsPercent">Share of requests, in percent, that post a small event batch instead of a risk check.</param>
/// <param name="Rate">Requests per second over all connections; 0 sends each connection's next request as soon as its last is answered.</param>
/// <param name="Limited">Connections of the over-the-limit phase; 0 leaves it out.</param>
/// <param name="Limit">Requests per second (and burst) allowed to the over-the-limit phase's key.</param>
public sealed record ConnectionsArguments(
    IReadOnlyList<int> Counts,
    double Seconds = 15,
    double WarmUp = 3,
    int Accounts = 20_000,
    int EventsPercent = 0,
    double Rate = 0,
    double Timeout = 30,
    string Host = "process",
    int Limited = 1_000,
    int Limit = 500)
{
    public const string Usage =
        "connections [counts=100,1000,5000] [seconds=15] [warmup=3] [accounts=20000] [events=0] [rate=0] [timeout=30] [host=process|inprocess] [limited=1000] [limit=500]";

    private static readonly string[] Names = ["counts", "seconds", "warmup", "accounts", "events", "rate", "timeout", "host", "limited", "limit"];

    public static ConnectionsArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var split = args[i].Split('=', 2);
            var (name, value) = split.Length == 2 ? (split[0], split[1]) : (i < 2 ? Names[i] : "", args[i]);
            if (!Names.Contains(name))
            {
                throw new ArgumentException($"connections: unexpected argument '{args[i]}'; usage: {Usage}");
            }

            values[name] = value;
        }

        var parsed = new ConnectionsArguments(
            values.TryGetValue("counts", out var c) ? [.. c.Split(',').Select(Int)] : [100, 1_000, 5_000],
            values.TryGetValue("seconds", out var s) ? Double(s) : 15,
            values.TryGetValue("warmup", out var w) ? Double(w) : 3,
            values.TryGetValue("accounts", out var a) ? Int(a) : 20_000,
            values.TryGetValue("events", out var e) ? Int(e) : 0,
            values.TryGetValue("rate", out var r) ? Double(r) : 0,
            values.TryGetValue("timeout", out var t) ? Double(t) : 30,
            values.GetValueOrDefault("host", "process"),
            values.TryGetValue("limited", out var l) ? Int(l) : 1_000,
            values.TryGetValue("limit", out var m) ? Int(m) : 500);
        if (parsed.Counts.Count == 0 || parsed.Counts.Any(n => n < 1) || parsed.Seconds <= 0 || parsed.WarmUp < 0 || parsed.Timeout <= 0 ||
            parsed.EventsPercent is < 0 or > 100 || parsed.Rate < 0 || parsed.Limited < 0 || parsed.Limit < 1 ||
            parsed.Host is not ("process" or "inprocess"))
        {
            throw new ArgumentException($"connections: counts must be positive, seconds and timeout positive, warmup and rate zero or more, " +
                $"events 0-100, limited zero or more, limit positive, host process or inprocess; usage: {Usage}");
        }

        return parsed;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static double Double(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
