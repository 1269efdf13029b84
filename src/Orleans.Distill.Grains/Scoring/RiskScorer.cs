using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Scoring;

/// <summary>
/// Turns a group's features into a score, a decision and reasons. Pure: the same features always give the
/// same answer, so component scores, hub scores and signup what-ifs agree.
/// </summary>
public sealed class RiskScorer(ScoringOptions options)
{
    public ScoringOptions Options => options;

    public Assessment Score(GroupFeatures f)
    {
        var n = f.Accounts;
        if (n == 0)
        {
            return Assessment.Unscored;
        }

        // Behaviour in common needs a group: nothing for one account, some for a pair, all of it from FullGroupSize.
        // A few accounts on one device that sign up together and run alike are a ring whatever their number.
        var group = Math.Clamp((n - 1.0) / (options.FullGroupSize - 1.0), 0, 1);
        var reasons = new List<Reason>();
        var logit = options.Bias;

        void Add(string name, double value, string? entity = null, double factor = 1)
        {
            if (!options.Features.TryGetValue(name, out var spec))
            {
                return;
            }

            var contribution = spec.Weight * spec.Scale(value) * (spec.GroupOnly ? group : 1) * factor;
            logit += contribution;
            if (contribution != 0)
            {
                reasons.Add(new Reason(name, Math.Round(value, 4), Math.Round(contribution, 4), entity));
            }
        }

        string? Top(int kind) => f.SharedTop[kind] is { } key && NodeKey.TryParse(key, out _, out var value) ? value : f.SharedTop[kind];

        for (var k = 0; k < FeatureNames.Shared.Length; k++)
        {
            Add(FeatureNames.Shared[k], f.SharedMax[k], Top(k));
        }

        Add(FeatureNames.Accounts, n);
        foreach (var (name, value, factor) in Behaviour(f))
        {
            Add(name, value, factor: factor);
        }

        Add(FeatureNames.NetworkDispersion, NetworkDispersion(f));
        Add(FeatureNames.CoLocated, CoLocation(f), Top(GroupFeatures.KindIndex(EntityKind.IpRange)), CustomerSizedPlace(f));
        Add(FeatureNames.HubLinked, (double)f.HubLinked / n);
        Add(FeatureNames.FraudLabelled, (double)f.FraudLabelled / n);
        Add(FeatureNames.BenignLabelled, (double)f.BenignLabelled / n);

        var score = Math.Round(1 / (1 + Math.Exp(-logit)), 4);
        var decision = score >= options.DenyAt ? Decision.Deny : score >= options.ReviewAt ? Decision.Review : Decision.Allow;
        // What raised the score comes first; what lowered it follows, so an analyst looking at a low score with
        // strong reasons sees what offset them (a small team in an office of its own, a benign label).
        return new Assessment(score, decision, [
            .. reasons
                .Where(r => r.Weight > 0)
                .OrderByDescending(r => r.Weight)
                .ThenBy(r => r.Feature, StringComparer.Ordinal)
                .Take(options.MaxReasons),
            .. reasons
                .Where(r => r.Weight < 0)
                .OrderBy(r => r.Weight)
                .ThenBy(r => r.Feature, StringComparer.Ordinal)
                .Take(options.MaxReasons)]);
    }

    /// <summary>
    /// Every feature of <see cref="FeatureNames.Measured"/>, in that order, as measured on the group: what
    /// <see cref="Score"/> weighs, each with the factor it takes it at, for analysts and for a learned scorer to read
    /// in its place. A feature not yet measured (<c>daily_presence</c> before the accounts have days enough) is given
    /// with factor 0, so that every group has the same features. The score is left to add its features as it
    /// always has, since it runs for every core of every rebuild and every signup check; <c>MeasurementTests</c>
    /// holds it to the weighted sum of these measurements.
    /// </summary>
    public Measurement[] Measure(GroupFeatures f)
    {
        var n = (double)f.Accounts;
        string? Top(int kind) => f.SharedTop[kind] is { } key && NodeKey.TryParse(key, out _, out var value) ? value : f.SharedTop[kind];
        double PerAccount(long count) => n == 0 ? 0 : count / n;

        var measured = new Measurement[FeatureNames.Measured.Count];
        var i = 0;
        for (var k = 0; k < FeatureNames.Shared.Length; k++)
        {
            measured[i++] = new(FeatureNames.Shared[k], f.SharedMax[k], 1, Top(k));
        }

        measured[i++] = new(FeatureNames.Accounts, n, 1);
        foreach (var (name, value, factor) in Behaviour(f))
        {
            if (name == FeatureNames.UnevenTraffic && measured[i - 1].Feature != FeatureNames.DailyPresence)
            {
                measured[i++] = new(FeatureNames.DailyPresence, DailyPresence(f), 0);
            }

            measured[i++] = new(name, value, factor);
        }

        measured[i++] = new(FeatureNames.NetworkDispersion, NetworkDispersion(f), 1);
        measured[i++] = new(FeatureNames.CoLocated, CoLocation(f), CustomerSizedPlace(f), Top(GroupFeatures.KindIndex(EntityKind.IpRange)));
        measured[i++] = new(FeatureNames.HubLinked, PerAccount(f.HubLinked), 1);
        measured[i++] = new(FeatureNames.FraudLabelled, PerAccount(f.FraudLabelled), 1);
        measured[i] = new(FeatureNames.BenignLabelled, PerAccount(f.BenignLabelled), 1);
        return measured;
    }

    /// <summary>
    /// How far behaviour in common counts (features marked <see cref="FeatureSpec.GroupOnly"/>): nothing for one
    /// account, some for a pair, all of it from <see cref="ScoringOptions.FullGroupSize"/>. A few accounts on one
    /// device that sign up together and run alike are a ring whatever their number.
    /// </summary>
    public double GroupScale(long accounts) => Math.Clamp((accounts - 1.0) / (options.FullGroupSize - 1.0), 0, 1);

    /// <summary>
    /// The features of behaviour in common, measured, each with the factor its contribution is taken at. The score
    /// adds them; judging whether a hub is one operator's asks how much of their most the ones that raise a score
    /// reach (<c>HubOwnership.BehaviourShare</c>), so both read behaviour alike.
    /// </summary>
    public IReadOnlyList<(string Name, double Value, double Factor)> Behaviour(GroupFeatures f)
    {
        var oneRate = OneRate(f);
        var evenness = Evenness(f, oneRate);
        return
        [
            (FeatureNames.SignupBurstiness, Burstiness(f), 1),
            (FeatureNames.SignupSpreadDays, SpreadDays(f), 1),
            (FeatureNames.TrafficEvenness, evenness, 1),
            // Developers send coding and agentic traffic too, each on days and in amounts of their own; what distils
            // a model sends it alike day after day. Capability share counts as far as the traffic is uniform.
            (FeatureNames.CapabilityShare, CapabilityShare(f), Uniformity(evenness)),
            (FeatureNames.Lockstep, Lockstep(f), 1),
            .. Presence(f),
            // Traffic measured as uneven is evidence too: people and developer teams each run at rates and on days
            // of their own, which a farm scripted to run just under the rate limits does not. Without it a team just
            // onboarded on its corporate card looks like a ring until its older accounts show up again. Weighed by
            // volume, so that households whose range a ring's proxies share do not make the ring's traffic uneven.
            // Accounts set to one rate are not uneven for varying it from day to day.
            (FeatureNames.UnevenTraffic, VolumeEvenness(f), EvennessConfidence(f) * (1 - oneRate)),
        ];
    }

    /// <summary>
    /// <c>daily_presence</c>, or nothing until the accounts have days enough on record for it to count at all (with
    /// <see cref="ScoringOptions.PresencePriorDays"/> added, even accounts active on every day read below where it
    /// starts), and nothing for features stored before the days were kept. Unmeasured, it would add nothing to the
    /// score and only take a share of what behaviour can add when hubs and templates are judged one operator's, so
    /// that a ring's first days would count against it there.
    /// </summary>
    private IEnumerable<(string Name, double Value, double Factor)> Presence(GroupFeatures f)
    {
        if (f.InnerDays == 0
            || !options.Features.TryGetValue(FeatureNames.DailyPresence, out var spec)
            || f.InnerDays / (f.InnerDays + options.PresencePriorDays) < spec.Low)
        {
            yield break;
        }

        // A small team running its pipeline from its office runs it every day too: resting or not, a customer with
        // several keys in one place of its own is that customer (co_located), and its days say nothing more.
        var customerInOnePlace = CustomerSizedPlace(f) * Scaled(FeatureNames.CoLocated, CoLocation(f));
        yield return (FeatureNames.DailyPresence, DailyPresence(f), 1 - customerInOnePlace);
    }

    /// <summary>Share of the accounts that signed up on the busiest day.</summary>
    public static double Burstiness(GroupFeatures f) =>
        f.Accounts == 0 || f.SignupDays.Count == 0 ? 0 : (double)f.SignupDays.Values.Max() / f.Accounts;

    /// <summary>Days between the 10th and 90th percentile of signup: how long the group took to form.</summary>
    public static double SpreadDays(GroupFeatures f)
    {
        if (f.SignupDays.Count == 0)
        {
            return 0;
        }

        var total = f.SignupDays.Values.Sum(v => (long)v);
        int? p10 = null;
        var p90 = 0;
        long seen = 0;
        foreach (var (day, count) in f.SignupDays.OrderBy(d => d.Key))
        {
            seen += count;
            if (p10 is null && seen * 10 >= total)
            {
                p10 = day;
            }

            if (seen * 10 >= total * 9)
            {
                p90 = day;
                break;
            }
        }

        return p90 - (p10 ?? p90);
    }

    /// <summary>
    /// 1 − the coefficient of variation of requests per account-day, over the days on which the accounts sent
    /// traffic: puppets run just under the rate limits every day, alike; people differ from each other and from one
    /// day to the next, and so does a team of developers sharing a card. Scaled down when the accounts barely use
    /// the API or have sent it traffic on only a few days, where evenness says little. Accounts that all run at
    /// one rate (<see cref="OneRate"/>) are as even however much each varies its days: a ring can jitter its days
    /// at no cost, but the rate it was set to shows through its days.
    /// </summary>
    public double Evenness(GroupFeatures f) => Evenness(f, OneRate(f));

    /// <summary><see cref="Evenness(GroupFeatures)"/> with <see cref="OneRate"/> already read, as the score reads it once for two features.</summary>
    private double Evenness(GroupFeatures f, double oneRate) =>
        Math.Max(Variation(f.AccountDays, f.DayRequests, f.DayRequestsSquared) * EvennessConfidence(f), OneRateAsEvenness(oneRate));

    /// <summary>
    /// 1 − the coefficient of variation of the rates the accounts run at: how alike they are, whatever each one's
    /// days. The spread of the accounts' mean requests per active day (each account weighed by its active days) holds
    /// the rates' own spread and what each account's days add to its mean; the second is taken off as the accounts'
    /// repeat days measure it, so a ring that jitters its days shows its one rate within days, not only once weeks
    /// have averaged the jitter out. Scaled down as <see cref="Evenness"/> is, and for a handful of accounts
    /// (<see cref="RateWitnesses"/>); 0 for features stored before it was kept.
    /// </summary>
    public double RateEvenness(GroupFeatures f)
    {
        if (f.TrafficAccounts == 0 || f.MeanSquaredAccounts != f.TrafficAccounts || f.AccountDays <= 0 || f.DayRequests <= 0)
        {
            return 0;
        }

        // One-way analysis of variance over account-days: the spread of each account's days about its own mean,
        // pooled over the days past each account's first, and what that spread adds to the spread of the means. What
        // is taken off is itself uncertain, the more so for few accounts and heavy days: the rates' spread is read one
        // standard error of it high, so that people who vary their days tenfold are not read as alike for want of
        // evidence. Accounts seen on one day each measure no spread of their days, and nothing is taken off.
        var n = (double)f.TrafficAccounts;
        var mean = f.DayRequests / f.AccountDays;
        var means = Math.Max(0, (f.AccountMeanSquares / f.AccountDays) - (mean * mean));
        var repeatDays = f.AccountDays - n;
        var days = repeatDays > 0 ? Math.Max(0, f.DayRequestsSquared - f.AccountMeanSquares) / repeatDays : 0;
        var noise = days * (n - 1) / f.AccountDays;
        var rates = Math.Max(0, means - noise) + (n > 1 ? noise * Math.Sqrt(2 / (n - 1)) : 0);
        return Math.Max(0, 1 - (Math.Sqrt(rates) / mean)) * EvennessConfidence(f) * RateWitnesses(f);
    }

    /// <summary>
    /// How far accounts at like rates are evidence of one rate: a handful of people each at a rate of their own agree
    /// by chance (three developers at 100 to 800 a day are within a tenth of each other in one trio in fifteen), so the
    /// rates count in full only from <see cref="ScoringOptions.RateEvennessFullAccounts"/> accounts with traffic.
    /// Accounts that all run from one device are not a handful of people agreeing by chance but one machine: their
    /// rates count in full however few they are, as far as the group is on that device. A family on its shared laptop
    /// could agree by chance too; it is in one place (<c>co_located</c>).
    /// </summary>
    private double RateWitnesses(GroupFeatures f) =>
        Math.Max(
            Math.Clamp(f.TrafficAccounts / options.RateEvennessFullAccounts, 0, 1),
            Math.Clamp((double)f.SharedMax[GroupFeatures.KindIndex(EntityKind.Device)] / f.Accounts, 0, 1));

    /// <summary>How far the accounts run at one rate: 0 up to <see cref="ScoringOptions.RateEvennessFrom"/>, 1 from <see cref="ScoringOptions.RateEvennessTo"/>.</summary>
    public double OneRate(GroupFeatures f) =>
        Math.Clamp((RateEvenness(f) - options.RateEvennessFrom) / (options.RateEvennessTo - options.RateEvennessFrom), 0, 1);

    /// <summary>
    /// The evenness one rate stands for: where <c>traffic_evenness</c> starts to count at
    /// <see cref="ScoringOptions.RateEvennessFrom"/>, where it counts in full at <see cref="ScoringOptions.RateEvennessTo"/>;
    /// 0 below, so that rates only somewhat alike add nothing.
    /// </summary>
    private double OneRateAsEvenness(double oneRate)
    {
        if (oneRate <= 0)
        {
            return 0;
        }

        var (low, high) = options.Features.TryGetValue(FeatureNames.TrafficEvenness, out var spec) ? (spec.Low, spec.High) : (0, 1);
        return low + (oneRate * (high - low));
    }

    /// <summary>
    /// 1 − the coefficient of variation of requests per account-day, each account-day weighed by its requests: how
    /// evenly the group's traffic, as sent, is spread over the days and accounts that send most of it.
    /// </summary>
    public static double VolumeEvenness(GroupFeatures f) => Variation(f.DayRequests, f.DayRequestsSquared, f.DayRequestsCubed);

    /// <summary>
    /// 1 − the coefficient of variation of a quantity, clamped at 0, from its sums: of the weights, and of the
    /// weighted quantity and its square (account-days, requests, requests squared; or, weighed by requests, one
    /// power up). 0 when nothing was weighed.
    /// </summary>
    private static double Variation(double weight, double sum, double squares)
    {
        if (weight <= 0 || sum <= 0)
        {
            return 0;
        }

        var mean = sum / weight;
        var variance = Math.Max(0, (squares / weight) - (mean * mean));
        return Math.Max(0, 1 - (Math.Sqrt(variance) / mean));
    }

    /// <summary>How far evenness says anything: 1 from enough requests a day over enough account-days, less below.</summary>
    private double EvennessConfidence(GroupFeatures f)
    {
        if (f.AccountDays == 0 || f.DayRequests <= 0)
        {
            return 0;
        }

        return Math.Clamp(f.DayRequests / f.AccountDays / options.EvennessMinMeanRequests, 0, 1)
            * Math.Clamp(f.AccountDays / options.EvennessMinAccountDays, 0, 1);
    }

    /// <summary>How far <paramref name="evenness"/> counts as uniform traffic: its feature's scale, or 1 when it is not scored.</summary>
    private double Uniformity(double evenness) =>
        options.Features.TryGetValue(FeatureNames.TrafficEvenness, out var spec) ? spec.Scale(evenness) : 1;

    /// <summary>How far <paramref name="value"/> counts for the feature: its scale, or 0 when it is not scored.</summary>
    private double Scaled(string feature, double value) =>
        options.Features.TryGetValue(feature, out var spec) ? spec.Scale(value) : 0;

    /// <summary>
    /// IP ranges that glue the group per account. What holds a household, an office or a team together is mostly
    /// the network they share (under 0.5); accounts that share cards, devices or templates while each comes from
    /// a network of its own (1 and more) are what rotating residential proxies look like.
    /// </summary>
    public static double NetworkDispersion(GroupFeatures f) =>
        f.Accounts == 0 ? 0 : (double)f.Entities[GroupFeatures.KindIndex(EntityKind.IpRange)] / f.Accounts;

    /// <summary>Share of the accounts on the group's most shared IP range: 1 when they all use one network.</summary>
    public static double CoLocation(GroupFeatures f) =>
        f.Accounts == 0 ? 0 : (double)f.SharedMax[GroupFeatures.KindIndex(EntityKind.IpRange)] / f.Accounts;

    /// <summary>1 up to <see cref="ScoringOptions.CustomerGroupSize"/> accounts, else 0.</summary>
    public double CustomerSized(long accounts) => accounts <= options.CustomerGroupSize ? 1 : 0;

    /// <summary>
    /// <see cref="CustomerSized"/> for the group and the place it is in: a core whose range more accounts of its
    /// component use is not a customer in a place of its own, however few its own accounts.
    /// </summary>
    private double CustomerSizedPlace(GroupFeatures f) => CustomerSized(Math.Max(f.Accounts, f.PlaceAccounts));

    /// <summary>Share of requests that probe capabilities: coding, agentic and reasoning traffic.</summary>
    public static double CapabilityShare(GroupFeatures f)
    {
        var total = (double)f.TotalRequests;
        return total == 0
            ? 0
            : (f.Requests[(int)TrafficCategory.Coding] + f.Requests[(int)TrafficCategory.Agentic] + f.Requests[(int)TrafficCategory.Reasoning]) / total;
    }

    /// <summary>
    /// Share of the days between each account's first and latest traffic on which it sent traffic, read with
    /// <see cref="ScoringOptions.PresencePriorDays"/> days of absence added: 1 for accounts that never rest, towards it
    /// only as the days on record grow; 0 before any account has three days between its first and latest traffic.
    /// </summary>
    public double DailyPresence(GroupFeatures f) =>
        f.InnerDays == 0 ? 0 : f.InnerActiveDays / (f.InnerDays + options.PresencePriorDays);

    /// <summary>
    /// How far accounts are active in the same hours: Σ c² / (accounts × Σ c) over hourly counts c of active
    /// accounts. 1 when every account is active in exactly the same hours; about p for accounts each active at
    /// random in a share p of the hours.
    /// </summary>
    public static double Lockstep(GroupFeatures f)
    {
        if (f.Accounts < 2 || f.ActiveHours.Count == 0)
        {
            return 0;
        }

        double sum = 0, squares = 0;
        foreach (var c in f.ActiveHours.Values)
        {
            sum += c;
            squares += (double)c * c;
        }

        return squares / (f.Accounts * sum);
    }
}
