using Orleans.Distill.Keys;

namespace Orleans.Distill.Scoring;

/// <summary>How alike the accounts' traffic is: from day to day, between accounts, and the one rate a script runs at.</summary>
public sealed partial class RiskScorer
{
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
}
