using System.Globalization;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary><c>risk [accounts=100000] [rate=1000] [seconds=30] [ingest-rate=0]</c>: positional, or by name in any order.</summary>
public sealed record RiskArguments(int Accounts = 100_000, double Rate = 1_000, double Seconds = 30, double IngestRate = 0)
{
    private static readonly string[] Names = ["accounts", "rate", "seconds", "ingest-rate"];

    public static RiskArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var split = args[i].Split('=', 2);
            var (name, value) = split.Length == 2 ? (split[0], split[1]) : (i < Names.Length ? Names[i] : "", args[i]);
            if (!Names.Contains(name))
            {
                throw new ArgumentException($"risk: unexpected argument '{args[i]}'; usage: risk [accounts=100000] [rate=1000] [seconds=30] [ingest-rate=0]");
            }

            values[name] = value;
        }

        var parsed = new RiskArguments(
            values.TryGetValue("accounts", out var a) ? int.Parse(a, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 100_000,
            values.TryGetValue("rate", out var r) ? double.Parse(r, CultureInfo.InvariantCulture) : 1_000,
            values.TryGetValue("seconds", out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : 30,
            values.TryGetValue("ingest-rate", out var g) ? double.Parse(g, CultureInfo.InvariantCulture) : 0);
        if (parsed.Rate <= 0 || parsed.Seconds <= 0 || parsed.IngestRate < 0)
        {
            throw new ArgumentException("risk: rate and seconds must be positive, ingest-rate zero or more");
        }

        return parsed;
    }
}
