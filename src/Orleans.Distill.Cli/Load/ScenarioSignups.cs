using System.Text.Json;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// Bodies for <c>POST /v1/risk/signup</c> drawn from a scenario: about 10% reuse the address, card and device of a
/// campaign's account, 45% those of an organic account, 45% bring values the graph has never seen. Every path of
/// the check is timed: joining a flagged component, joining an organic one, standing alone.
/// </summary>
public sealed class ScenarioSignups
{
    public const string Campaign = "campaign account's";
    public const string Organic = "organic account's";
    public const string Fresh = "never seen";

    public static readonly string[] Kinds = [Campaign, Organic, Fresh];

    private readonly AccountIdentity[] _campaign;
    private readonly AccountIdentity[] _organic;
    private readonly Random _random;

    // Shared across runs (warm-up, measured) so a fresh value is fresh every time it is sent.
    private long _sequence;

    public ScenarioSignups(Scenario scenario, int seed)
    {
        _random = new Random(seed);
        var withAddress = scenario.Labels.Values
            .Select(l => (l.Fraud, Identity: scenario.Identities.GetValueOrDefault(l.Account)))
            .Where(a => a.Identity?.Ip is not null)
            .ToList();
        _campaign = [.. withAddress.Where(a => a.Fraud).Select(a => a.Identity!)];
        _organic = [.. withAddress.Where(a => !a.Fraud).Select(a => a.Identity!)];
    }

    /// <summary>Not thread-safe: the open-loop scheduler calls it from its single loop.</summary>
    public PlannedRequest Next()
    {
        var n = _sequence++;
        var roll = _random.Next(100);
        var (kind, identity) = roll switch
        {
            < 10 when _campaign.Length > 0 => (Campaign, _campaign[_random.Next(_campaign.Length)]),
            < 55 when _organic.Length > 0 => (Organic, _organic[_random.Next(_organic.Length)]),
            // 198.18.0.0/15 is reserved for benchmarks: no scenario address falls in it.
            _ => (Fresh, new AccountIdentity($"198.{18 + n / 65_536 % 2}.{n / 256 % 256}.{n % 256}", $"tok_load_{n}", $"dev_load_{n}")),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["ip"] = identity.Ip,
            ["instrument"] = identity.Instrument,
            ["device"] = identity.Device,
        }.Where(f => f.Value is not null).ToDictionary());
        return new PlannedRequest(HttpMethod.Post, "/v1/risk/signup", body, kind);
    }
}
