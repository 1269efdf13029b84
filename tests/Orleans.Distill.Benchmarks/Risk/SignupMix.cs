using System.Text;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>
/// The bodies a signup flow would send to <c>POST /v1/risk/signup</c>: about 10% reuse a ring's card and proxy
/// range, 45% a known organic account's card and range, 45% bring values the graph has never seen. Every request
/// carries a device never seen before, as a fresh browser would.
/// </summary>
public sealed class SignupMix(RiskGraph graph, int seed)
{
    public const string Ring = "ring card+ip";
    public const string Known = "organic card+ip";
    public const string New = "new values";

    public static readonly string[] Kinds = [Ring, Known, New];

    private readonly Random _random = new(seed);

    // Shared across runs (warm-up, measured) so a "new" value is new every time it is sent.
    private long _sequence;

    /// <summary>Not thread-safe: the open-loop scheduler calls it from its single loop.</summary>
    public PlannedRequest Next()
    {
        var n = _sequence++;
        var roll = _random.Next(100);
        string kind, ip, card;
        if (roll < 10)
        {
            var ring = _random.Next(graph.Rings);
            kind = Ring;
            ip = $"{RiskGraph.RingRange(ring, _random.Next(RiskGraph.RangesPerRing))}.{_random.Next(1, 255)}";
            card = RiskGraph.RingCard(ring, _random.Next(RiskGraph.CardsPerRing));
        }
        else if (roll < 55)
        {
            var account = _random.Next(graph.Organic);
            kind = Known;
            ip = $"{graph.OrganicRange(account)}.{_random.Next(1, 255)}";
            card = RiskGraph.OrganicCard(account);
        }
        else
        {
            kind = New;
            ip = $"{RiskGraph.NewRange(n)}.{_random.Next(1, 255)}";
            card = $"tok_n{seed}_{n}";
        }

        var body = Encoding.UTF8.GetBytes($"{{\"ip\":\"{ip}\",\"instrument\":\"{card}\",\"device\":\"dev_n{seed}_{n}\"}}");
        return new PlannedRequest(HttpMethod.Post, "/v1/risk/signup", body, kind);
    }
}
