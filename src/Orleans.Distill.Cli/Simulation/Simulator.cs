using Orleans.Distill.Keys;

namespace Orleans.Distill.Cli.Simulation;

/// <summary>
/// Generates a scenario: an organic population whose sharing must not be flagged (households on one card, companies
/// behind one office range, campuses, mobile carrier NAT, commercial VPNs, power users) and distillation campaigns
/// modelled on 2026's (card farms, rotating residential proxies, slow drips, rings through carrier NAT).
/// Deterministic for a seed: the same options give the same bytes.
/// </summary>
public sealed class Simulator(SimulationOptions options)
{
    private static readonly string[] PopularTemplates = [.. Enumerable.Range(0, 20).Select(i => $"tpl-public-{i:D2}")];

    private readonly Random _random = new(options.Seed);
    private readonly HashSet<string> _ids = [];
    private readonly SimulatedTraffic _traffic = new(options);

    public EventSink Run(IProgress<double>? progress = null)
    {
        options.Validate();
        var sink = new EventSink();
        var campaignAccounts = (int)(options.Accounts * options.CampaignShare);
        var organic = options.Accounts - campaignAccounts;

        // Shares of the organic population, by kind.
        Singles(sink, (int)(organic * 0.45));
        progress?.Report(0.3);
        Households(sink, (int)(organic * 0.15));
        Companies(sink, (int)(organic * 0.20));
        progress?.Report(0.5);
        Campus(sink, (int)(organic * 0.08));
        CarrierNat(sink, (int)(organic * 0.07));
        Vpn(sink, (int)(organic * 0.03));
        PowerUsers(sink, (int)(organic * 0.02));
        progress?.Report(0.7);

        // The campaigns share the fraudulent accounts a quarter each.
        var quarter = campaignAccounts / 4;
        CardFarm(sink, quarter);
        ResidentialProxies(sink, quarter);
        SlowDrip(sink, quarter);
        RingThroughCarrierNat(sink, campaignAccounts - (3 * quarter));
        progress?.Report(1.0);
        return sink;
    }

    private void Singles(EventSink sink, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var account = NewAccount(sink, "single", fraud: false);
            var ip = ResidentialIp();
            var signup = OrganicSignup();
            sink.Signup(account, signup, ip, Device());
            if (_random.NextDouble() < 0.7)
            {
                sink.Payment(account, signup.AddMinutes(_random.Next(5, 600)), Card());
            }

            _traffic.Organic(sink, _random, account, ip, developer: _random.NextDouble() < 0.4, PublicTemplateOrNone());
        }
    }

    /// <summary>Two to five people on one card and one home range, each with their own device.</summary>
    private void Households(EventSink sink, int count)
    {
        for (var made = 0; made < count;)
        {
            var size = Math.Min(_random.Next(2, 6), count - made);
            var card = Card();
            var ip = ResidentialIp();
            for (var m = 0; m < size; m++, made++)
            {
                var account = NewAccount(sink, "household", fraud: false);
                var signup = OrganicSignup();
                sink.Signup(account, signup, ip, Device());
                sink.Payment(account, signup.AddMinutes(_random.Next(5, 600)), card);
                _traffic.Organic(sink, _random, account, ip, developer: _random.NextDouble() < 0.3, PublicTemplateOrNone());
            }
        }
    }

    /// <summary>
    /// 5–400 developers behind one office range, signing up over months; a third of the companies pay with one
    /// corporate card. Coding-heavy, but uneven and on their own hours.
    /// </summary>
    private void Companies(EventSink sink, int count)
    {
        for (var made = 0; made < count;)
        {
            var size = Math.Min(Math.Max(5, (int)Math.Round(Math.Exp(_random.NextDouble() * Math.Log(400)))), count - made);
            var office = ResidentialIp();
            var corporateCard = _random.NextDouble() < 0.33 ? Card() : null;
            for (var m = 0; m < size; m++, made++)
            {
                var account = NewAccount(sink, "company", fraud: false);
                var signup = options.Start.AddDays(-_random.Next(0, 240)).AddHours(_random.Next(8, 19));
                sink.Signup(account, signup, office, Device());
                sink.Payment(account, signup.AddHours(_random.Next(1, 48)), corporateCard ?? Card());
                _traffic.Organic(sink, _random, account, office, developer: true, PublicTemplateOrNone());
            }
        }
    }

    /// <summary>Thousands of students on a few campus ranges.</summary>
    private void Campus(EventSink sink, int count) =>
        SharedRanges(sink, count, "campus", perRange: 1_500, () => $"130.{_random.Next(256)}.{_random.Next(256)}");

    /// <summary>Mobile users behind carrier-grade NAT (100.64.0.0/10), thousands per range.</summary>
    private void CarrierNat(EventSink sink, int count) =>
        SharedRanges(sink, count, "cgnat", perRange: 2_000, CarrierNatPrefix);

    /// <summary>Unrelated users of commercial VPNs, a few hundred per exit range.</summary>
    private void Vpn(EventSink sink, int count) =>
        SharedRanges(sink, count, "vpn", perRange: 250, () => $"185.{_random.Next(256)}.{_random.Next(256)}");

    private void SharedRanges(EventSink sink, int count, string group, int perRange, Func<string> prefix)
    {
        var ranges = Enumerable.Range(0, Math.Max(1, count / perRange)).Select(_ => prefix()).ToArray();
        for (var i = 0; i < count; i++)
        {
            var account = NewAccount(sink, group, fraud: false);
            var ip = $"{ranges[_random.Next(ranges.Length)]}.{_random.Next(1, 255)}";
            var signup = OrganicSignup();
            sink.Signup(account, signup, ip, Device());
            if (_random.NextDouble() < 0.5)
            {
                sink.Payment(account, signup.AddMinutes(_random.Next(5, 600)), Card());
            }

            _traffic.Organic(sink, _random, account, ip, developer: group != "cgnat" && _random.NextDouble() < 0.4, PublicTemplateOrNone());
        }
    }

    /// <summary>Single accounts with very high coding volume: heavy, but alone.</summary>
    private void PowerUsers(EventSink sink, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var account = NewAccount(sink, "power_user", fraud: false);
            var ip = ResidentialIp();
            var signup = options.Start.AddDays(-_random.Next(30, 400));
            sink.Signup(account, signup, ip, Device());
            sink.Payment(account, signup.AddHours(1), Card());
            _traffic.PowerUser(sink, _random, account, ip);
        }
    }

    /// <summary>
    /// Pools of cards reused across accounts (about 30 per card), a handful of datacenter proxy ranges, signups in
    /// bursts of a few hours, and uniform capability-probing traffic from the first day.
    /// </summary>
    private void CardFarm(EventSink sink, int count)
    {
        var cards = Pool(Math.Max(1, count / 30), Card);
        var proxies = Pool(Math.Max(1, count / 80), () => $"45.{_random.Next(256)}.{_random.Next(256)}");
        var template = $"tpl-farm-{_random.Next():x8}";
        for (var i = 0; i < count; i++)
        {
            var account = NewAccount(sink, "card_farm", fraud: true);
            var ip = $"{proxies[_random.Next(proxies.Length)]}.{_random.Next(1, 255)}";
            var signup = options.Start.AddDays(2 * (i * 3 / Math.Max(1, count))).AddMinutes(_random.Next(0, 180));
            sink.Signup(account, signup, ip, Device());
            sink.Payment(account, signup.AddMinutes(_random.Next(1, 10)), cards[i % cards.Length]);
            _traffic.Campaign(sink, _random, account, ip, signup, dailyRequests: 900, chatShare: 0.0, template);
        }
    }

    /// <summary>Unique cards and residential addresses, but a few shared device fingerprints and prompt templates.</summary>
    private void ResidentialProxies(EventSink sink, int count)
    {
        var devices = Pool(Math.Max(1, count / 20), Device);
        var templates = Pool(Math.Max(1, count / 40), () => $"tpl-rp-{_random.Next():x8}");
        var begin = options.Start.AddDays(5);
        for (var i = 0; i < count; i++)
        {
            var account = NewAccount(sink, "residential_proxy", fraud: true);
            var device = devices[i % devices.Length];
            var signup = begin.AddHours(_random.Next(0, 72));
            sink.Signup(account, signup, ResidentialIp(), device);
            sink.Payment(account, signup.AddMinutes(_random.Next(1, 30)), Card());
            _traffic.Campaign(sink, _random, account, ResidentialIp(), signup, dailyRequests: 700, chatShare: 0.05, templates[i % templates.Length], device);
        }
    }

    /// <summary>Signups spread steadily over weeks, traffic mixed with chat; cards and a template reused across the drip.</summary>
    private void SlowDrip(EventSink sink, int count)
    {
        var cards = Pool(Math.Max(1, count / 10), Card);
        var template = $"tpl-drip-{_random.Next():x8}";
        for (var i = 0; i < count; i++)
        {
            var account = NewAccount(sink, "slow_drip", fraud: true);
            var ip = ResidentialIp();
            var signup = options.Start.AddHours(i * (options.Days - 4) * 24.0 / count);
            sink.Signup(account, signup, ip, Device());
            sink.Payment(account, signup.AddHours(_random.Next(1, 12)), cards[i % cards.Length]);
            _traffic.Campaign(sink, _random, account, ip, signup, dailyRequests: 400, chatShare: 0.35, template);
        }
    }

    /// <summary>A ring routed through carrier NAT (a hub that glues no one): caught only through its cards and devices.</summary>
    private void RingThroughCarrierNat(EventSink sink, int count)
    {
        var cards = Pool(Math.Max(1, count / 25), Card);
        var devices = Pool(Math.Max(1, count / 25), Device);
        var nat = CarrierNatPrefix();
        var begin = options.Start.AddDays(10);
        for (var i = 0; i < count; i++)
        {
            var account = NewAccount(sink, "cgnat_ring", fraud: true);
            var ip = $"{nat}.{_random.Next(1, 255)}";
            var device = devices[i % devices.Length];
            var signup = begin.AddHours(_random.Next(0, 24));
            sink.Signup(account, signup, ip, device);
            sink.Payment(account, signup.AddMinutes(_random.Next(1, 30)), cards[i % cards.Length]);
            _traffic.Campaign(sink, _random, account, ip, signup, dailyRequests: 800, chatShare: 0.0, template: null, device);
        }
    }

    private string NewAccount(EventSink sink, string group, bool fraud)
    {
        // Ids say nothing of the account's kind: a detector must not be able to read the label off the id.
        string id;
        do
        {
            id = $"u{_random.Next(10_000_000, 100_000_000)}";
        }
        while (!_ids.Add(id));

        sink.Add(new SimulatedAccount(id, fraud, group));
        return id;
    }

    private DateTime OrganicSignup() => options.Start.AddDays(_random.Next(-300, options.Days - 1)).AddMinutes(_random.Next(0, 1440));

    private string ResidentialIp() => $"{_random.Next(11, 100)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}";

    private string CarrierNatPrefix() => $"100.{_random.Next(64, 128)}.{_random.Next(256)}";

    private string Card() => Opaque("tok_");

    private string Device() => Opaque("dev_");

    /// <summary>A random hex token; drawn again in the rare case its digits alone would read as a card number.</summary>
    private string Opaque(string prefix)
    {
        string token;
        do
        {
            token = $"{prefix}{_random.Next():x8}{_random.Next():x8}";
        }
        while (CardNumberDetector.ContainsCardNumber(token));

        return token;
    }

    private string? PublicTemplateOrNone() => _random.NextDouble() < 0.3 ? PopularTemplates[_random.Next(PopularTemplates.Length)] : null;

    private string[] Pool(int size, Func<string> make) => [.. Enumerable.Range(0, size).Select(_ => make())];
}
