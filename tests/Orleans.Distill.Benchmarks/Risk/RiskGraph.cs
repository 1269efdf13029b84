using System.Globalization;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>
/// The graph the risk check runs against: mostly organic accounts, each with its own card and device and a signup
/// address in one of many /24s, plus rings whose accounts share a few cards and proxy ranges, sign up within one
/// hour and use the API in lockstep. Everything is derived from the seed, so the load generator can name known
/// cards and ranges without keeping the event stream.
/// </summary>
public sealed class RiskGraph
{
    public const int RingSize = 300;
    public const int CardsPerRing = 10;
    public const int RangesPerRing = 3;

    /// <summary>The detection window is 30 days of event time behind the newest event; everything stays well inside it.</summary>
    public static readonly DateTime End = new(2026, 6, 5, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Start = End.AddDays(-25);

    private static readonly string[] Categories = ["coding", "agentic", "reasoning", "chat", "other"];

    private readonly int[] _organicRange;
    private readonly int[] _organicSignupMinute;
    private readonly int[] _ringSignupMinute;
    private readonly int _seed;

    public RiskGraph(int accounts, int seed)
    {
        _seed = seed;
        Rings = Math.Clamp(accounts / 5_000, 1, 20);
        Organic = accounts - Rings * RingSize;
        if (Organic < 1 || Organic > 2_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(accounts), accounts, $"accounts must be from {Rings * RingSize + 1:N0} to 2,000,000");
        }

        var random = new Random(seed);
        var minutes = (int)(End.AddDays(-1) - Start).TotalMinutes;

        // Two organic accounts per /24 on average: households and small offices, far below the hub threshold.
        var ranges = Math.Max(1, Organic / 2);
        _organicRange = [.. Enumerable.Range(0, Organic).Select(_ => random.Next(ranges))];
        _organicSignupMinute = [.. Enumerable.Range(0, Organic).Select(_ => random.Next(minutes))];
        _ringSignupMinute = [.. Enumerable.Range(0, Rings).Select(_ => random.Next(minutes))];
    }

    public int Rings { get; }

    public int Organic { get; }

    public int Accounts => Organic + Rings * RingSize;

    public static string OrganicCard(int account) => $"tok_o{account}";

    public static string RingCard(int ring, int card) => $"tok_ring{ring}_{card}";

    /// <summary>A /24 as its first three octets. Organic ranges use first octets 20–44, rings 45, new addresses 150–249.</summary>
    public string OrganicRange(int account)
    {
        var k = _organicRange[account];
        return $"{20 + k / 65_536}.{k / 256 % 256}.{k % 256}";
    }

    public static string RingRange(int ring, int range) => $"45.{ring}.{range}";

    public static string NewRange(long n) => $"{150 + n / 65_536 % 100}.{n / 256 % 256}.{n % 256}";

    /// <summary>Every event of the graph, account by account in a shuffled order so rings arrive amid organic traffic.</summary>
    public IEnumerable<string> Events()
    {
        var random = new Random(_seed + 1);
        var order = Enumerable.Range(0, Accounts).ToArray();
        random.Shuffle(order);
        var lines = new List<string>(8);
        foreach (var a in order)
        {
            lines.Clear();
            if (a < Organic)
            {
                AddOrganic(lines, a, random);
            }
            else
            {
                AddRingMember(lines, (a - Organic) / RingSize, (a - Organic) % RingSize, random);
            }

            foreach (var line in lines)
            {
                yield return line;
            }
        }
    }

    /// <summary>A usage line on a known organic account, for traffic that keeps arriving while the risk check runs.</summary>
    public string FreshUsage(long n, Random random)
    {
        var a = random.Next(Organic);
        var signup = SignupOf(a);
        var at = Min(signup.AddMinutes(random.Next(1, 60 * 24 * 20)), End.AddHours(-1));
        return Usage($"o{a}", $"bg{n}", at, $"{OrganicRange(a)}.{random.Next(1, 255)}", Categories[random.Next(Categories.Length)],
            random.Next(1, 400), random);
    }

    private void AddOrganic(List<string> lines, int a, Random random)
    {
        var account = $"o{a}";
        var signup = SignupOf(a);
        var ip = $"{OrganicRange(a)}.{random.Next(1, 255)}";
        lines.Add(Line("signup", account, $"{account}-s", signup, $"\"ip\":\"{ip}\",\"device\":\"dev_o{a}\""));
        lines.Add(Line("payment", account, $"{account}-p", signup.AddMinutes(5), $"\"instrument\":\"{OrganicCard(a)}\""));
        var usage = random.Next(1, 4);
        for (var u = 0; u < usage; u++)
        {
            var at = Min(signup.AddHours(random.Next(1, 72)), End.AddHours(-1));
            lines.Add(Usage(account, $"{account}-u{u}", at, ip, Categories[random.Next(Categories.Length)], random.Next(1, 400), random));
        }
    }

    private void AddRingMember(List<string> lines, int ring, int member, Random random)
    {
        var account = $"r{ring}-{member}";
        var signup = Start.AddMinutes(_ringSignupMinute[ring] + random.Next(60));
        var ip = $"{RingRange(ring, member % RangesPerRing)}.{random.Next(1, 255)}";
        lines.Add(Line("signup", account, $"{account}-s", signup, $"\"ip\":\"{ip}\",\"device\":\"dev_r{ring}_{member}\""));
        lines.Add(Line("payment", account, $"{account}-p", signup.AddMinutes(2), $"\"instrument\":\"{RingCard(ring, member % CardsPerRing)}\""));

        // Scripted traffic: the same hours, the same volume, all of it coding.
        for (var u = 0; u < 3; u++)
        {
            lines.Add(Line("usage", account, $"{account}-u{u}", Start.AddMinutes(_ringSignupMinute[ring]).AddHours(u + 1),
                $"\"ip\":\"{ip}\",\"requests\":480,\"tokens\":960000,\"category\":\"coding\""));
        }
    }

    private DateTime SignupOf(int organic) => Start.AddMinutes(_organicSignupMinute[organic]);

    private static string Usage(string account, string id, DateTime at, string ip, string category, int requests, Random random) =>
        Line("usage", account, id, at, $"\"ip\":\"{ip}\",\"requests\":{requests},\"tokens\":{requests * random.Next(50, 3000)},\"category\":\"{category}\"");

    private static string Line(string type, string account, string id, DateTime at, string rest) =>
        $"{{\"type\":\"{type}\",\"account\":\"{account}\",\"at\":\"{at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\",\"id\":\"{id}\",{rest}}}";

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
