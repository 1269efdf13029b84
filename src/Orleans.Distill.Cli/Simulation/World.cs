using Orleans.Distill.Keys;

namespace Orleans.Distill.Cli.Simulation;

/// <summary>
/// What every family draws from and writes to: the one seeded random source (so a seed gives the same bytes), the
/// sink, fresh ids and tokens, and the home ranges households live on (which proxy rings rent).
/// </summary>
public sealed class World(SimulationOptions options)
{
    private static readonly string[] PopularTemplates = [.. Enumerable.Range(0, 20).Select(i => $"tpl-public-{i:D2}")];

    // First octets of hosting providers: commercial VPN exits and the proxies campaigns rent come from the same
    // providers, so an address block alone says nothing of who is behind it.
    private static readonly int[] HostingOctets = [45, 104, 138, 185, 193];

    private readonly HashSet<string> _ids = [];

    public SimulationOptions Options => options;

    public Random Random { get; } = new(options.Seed);

    public EventSink Sink { get; } = new();

    public SimulatedTraffic Traffic { get; } = new(options);

    /// <summary>The addresses of the households made so far, one per household.</summary>
    public List<string> Homes { get; } = [];

    public DateTime Start => options.Start;

    public DateTime End => options.Start.AddDays(options.Days);

    public int Between(int min, int max) => Random.Next(min, max + 1);

    public double Between(double min, double max) => min + (Random.NextDouble() * (max - min));

    /// <summary>Sizes of companies and spaces: many small ones, a few large.</summary>
    public int LogBetween(int min, int max) => (int)Math.Round(Math.Exp(Between(Math.Log(min), Math.Log(max))));

    public bool Chance(double share) => Random.NextDouble() < share;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public string[] Pool(int size, Func<string> make) => [.. Enumerable.Range(0, Math.Max(1, size)).Select(_ => make())];

    public string NewAccount(string group, bool fraud)
    {
        // Ids say nothing of the account's kind: a detector must not be able to read the label off the id.
        string id;
        do
        {
            id = $"u{Random.Next(10_000_000, 100_000_000)}";
        }
        while (!_ids.Add(id));

        Sink.Add(new SimulatedAccount(id, fraud, group));
        return id;
    }

    public DateTime OrganicSignup() => Start.AddDays(Random.Next(-300, options.Days - 1)).AddMinutes(Random.Next(0, 1440));

    public string ResidentialPrefix() => $"{Random.Next(11, 100)}.{Random.Next(256)}.{Random.Next(256)}";

    public string ResidentialIp() => Host(ResidentialPrefix());

    public string CarrierNatPrefix() => $"100.{Random.Next(64, 128)}.{Random.Next(256)}";

    public string HostingPrefix() => $"{Pick(HostingOctets)}.{Random.Next(256)}.{Random.Next(256)}";

    public string Host(string prefix) => $"{prefix}.{Random.Next(1, 255)}";

    public string Card() => Opaque("tok_");

    public string Device() => Opaque("dev_");

    /// <summary>A private prompt template; named like any other, so its name says nothing of who wrote it.</summary>
    public string Template() => $"tpl-{Random.Next():x8}";

    public string? PublicTemplateOrNone(double share) => Chance(share) ? Pick(PopularTemplates) : null;

    /// <summary>A random hex token; drawn again in the rare case its digits alone would read as a card number.</summary>
    private string Opaque(string prefix)
    {
        string token;
        do
        {
            token = $"{prefix}{Random.Next():x8}{Random.Next():x8}";
        }
        while (CardNumberDetector.ContainsCardNumber(token));

        return token;
    }
}
