namespace Orleans.Distill.Scoring;

/// <summary>
/// Weights and thresholds of the score: score = logistic(<see cref="Bias"/> + Σ weight × scaled feature).
/// Bound from <c>Distill:Scoring</c>; fields given there for a feature override its defaults.
/// </summary>
public sealed class ScoringOptions
{
    public const string Section = "Distill:Scoring";

    /// <summary>The logit of a group showing nothing: logistic(-4) ≈ 0.018.</summary>
    public double Bias { get; set; } = -4.0;

    public double ReviewAt { get; set; } = 0.5;

    /// <summary>
    /// Set from the evaluation's tuning worlds (the lowest score at which they reach precision 0.99 was 0.62),
    /// with a margin: a <c>deny</c> is remembered, so it must not be reached by a customer's passing shape.
    /// </summary>
    public double DenyAt { get; set; } = 0.65;

    /// <summary>
    /// Group behaviour features count in full from this many accounts, half for a pair (at the default), and not
    /// at all for one account.
    /// </summary>
    public int FullGroupSize { get; set; } = 3;

    /// <summary>
    /// A group of up to this many accounts that all use one network is what one customer looks like: a team
    /// running one pipeline from its office, a household on its home line. Being in one place counts for a group
    /// up to this size and not at all beyond it: more accounts than that on one card in one place are a farm (a
    /// bought batch of eight accounts on one card and one proxy range is the smallest the evaluation's worlds hold).
    /// </summary>
    public int CustomerGroupSize { get; set; } = 6;

    /// <summary>
    /// Traffic evenness means nothing for accounts that barely use the API: it counts in full from this mean of
    /// requests per active day.
    /// </summary>
    public double EvennessMinMeanRequests { get; set; } = 50;

    /// <summary>
    /// Nor does it mean much over a handful of days: three accounts on their first day can look alike by chance.
    /// It counts in full from this many account-days of traffic.
    /// </summary>
    public double EvennessMinAccountDays { get; set; } = 10;

    /// <summary>
    /// Accounts that all run at one rate, taken over their days, send even traffic however much each varies it from
    /// day to day: the card groups of a ring set to one rate that jitters its days as much as developers' vary
    /// measure 0.72–0.85 a few days in and 0.85–0.97 after weeks (<c>RiskScorer.RateEvenness</c>), while developers
    /// each run at a rate of their own: a campus measures at most 0.70 in the first days of term, and most companies'
    /// card and office groups at most 0.72, though a group of ten or so whose rates happen to be close can pass this
    /// value (0.81 and 0.86 at most in two worlds). From this value it counts as the evenness at which
    /// <c>traffic_evenness</c> starts to count …
    /// </summary>
    public double RateEvennessFrom { get; set; } = 0.8;

    /// <summary>… and from this one as the evenness at which it counts in full.</summary>
    public double RateEvennessTo { get; set; } = 0.9;

    /// <summary>
    /// A handful of accounts can run at like rates by chance: it counts in full from this many accounts with traffic,
    /// or, below it, as far as the accounts all run from one device (<c>RiskScorer.RateWitnesses</c>).
    /// </summary>
    public double RateEvennessFullAccounts { get; set; } = 10;

    /// <summary>
    /// <c>daily_presence</c> reads the accounts as absent on this many more days than they were seen, so that a few
    /// accounts over a few days, which can be active on all of them by chance, do not read as never resting.
    /// </summary>
    public double PresencePriorDays { get; set; } = 10;

    /// <summary>At most this many reasons that raised the score, and as many that lowered it.</summary>
    public int MaxReasons { get; set; } = 8;

    public Dictionary<string, FeatureSpec> Features { get; set; } = Defaults();

    public static Dictionary<string, FeatureSpec> Defaults() => new()
    {
        // Cards and devices are what rings cannot get cheaply; a family shares one card among a few people.
        [FeatureNames.SharedInstrumentAccounts] = new(2.0, 4, 20),
        [FeatureNames.SharedDeviceAccounts] = new(1.5, 3, 15),
        [FeatureNames.SharedIpRangeAccounts] = new(0.5, 20, 100),
        [FeatureNames.SharedTemplateAccounts] = new(1.0, 10, 50),
        [FeatureNames.Accounts] = new(0.5, 10, 500),
        [FeatureNames.SignupBurstiness] = new(1.5, 0.2, 0.8, groupOnly: true),
        [FeatureNames.SignupSpreadDays] = new(1.0, 30, 0, groupOnly: true),
        // A team of developers on one card runs fairly evenly too (a median of 0.57–0.59 across its accounts alone);
        // sock puppets run at 0.86 and more over account-days.
        [FeatureNames.TrafficEvenness] = new(1.5, 0.6, 0.9, groupOnly: true),
        // The same measure from the other side, weighed by volume: accounts each running at rates of their own (a
        // team of developers on a corporate card at 0.37–0.5) are not one script, whatever they share.
        [FeatureNames.UnevenTraffic] = new(-1.5, 0.7, 0.4, groupOnly: true),
        [FeatureNames.CapabilityShare] = new(1.0, 0.5, 0.9, groupOnly: true),
        [FeatureNames.Lockstep] = new(1.5, 0.3, 0.8, groupOnly: true),
        // People take days off and developers weekends (five days in seven is 0.71); a pipeline runs every day from
        // its first to its latest, whatever it varies within them.
        [FeatureNames.DailyPresence] = new(1.5, 0.8, 0.95, groupOnly: true),
        [FeatureNames.NetworkDispersion] = new(1.0, 0.5, 1.0, groupOnly: true),
        // Sock puppets pretend to be many customers and so come from many places; a small group that openly shares
        // one card and one office is one customer with several keys, however alike its automation runs.
        [FeatureNames.CoLocated] = new(-4.0, 0.8, 1.0, groupOnly: true),
        [FeatureNames.HubLinked] = new(0.3, 0, 1, groupOnly: true),
        [FeatureNames.FraudLabelled] = new(5.0, 0, 0.1),
        [FeatureNames.BenignLabelled] = new(-4.0, 0, 0.5),
    };
}
