using Orleans.Distill.Keys;

namespace Orleans.Distill.Scoring;

/// <summary>
/// Turns a group's features into a score, a decision and reasons. Pure: the same features always give the
/// same answer, so component scores, hub scores and signup what-ifs agree.
/// </summary>
public sealed partial class RiskScorer(ScoringOptions options)
{
    public ScoringOptions Options => options;

    public Assessment Score(GroupFeatures f)
    {
        if (f.Accounts == 0)
        {
            return Assessment.Unscored;
        }

        var sum = new WeightedSum(options, GroupScale(f.Accounts));
        Walk(f, ref sum);
        var score = Math.Round(1 / (1 + Math.Exp(-sum.Logit)), 4);
        var decision = score >= options.DenyAt ? Decision.Deny : score >= options.ReviewAt ? Decision.Review : Decision.Allow;
        // What raised the score comes first; what lowered it follows, so an analyst looking at a low score with
        // strong reasons sees what offset them (a small team in an office of its own, a benign label).
        return new Assessment(score, decision, [
            .. sum.Reasons
                .Where(r => r.Weight > 0)
                .OrderByDescending(r => r.Weight)
                .ThenBy(r => r.Feature, StringComparer.Ordinal)
                .Take(options.MaxReasons),
            .. sum.Reasons
                .Where(r => r.Weight < 0)
                .OrderBy(r => r.Weight)
                .ThenBy(r => r.Feature, StringComparer.Ordinal)
                .Take(options.MaxReasons)]);
    }

    /// <summary>
    /// Every feature of <see cref="FeatureNames.Measured"/>, in that order, as measured on the group: what
    /// <see cref="Score"/> weighs, each with the factor it takes it at, for analysts and for a learned scorer to read
    /// in its place. A feature not yet measured (<c>daily_presence</c> before the accounts have days enough) is given
    /// with factor 0, so that every group has the same features.
    /// </summary>
    public Measurement[] Measure(GroupFeatures f)
    {
        var collected = new Collected(new Measurement[FeatureNames.Measured.Count]);
        Walk(f, ref collected);
        return collected.Measured;
    }

    /// <summary>
    /// How far behaviour in common counts (features marked <see cref="FeatureSpec.GroupOnly"/>): nothing for one
    /// account, some for a pair, all of it from <see cref="ScoringOptions.FullGroupSize"/>. A few accounts on one
    /// device that sign up together and run alike are a ring whatever their number.
    /// </summary>
    public double GroupScale(long accounts) => Math.Clamp((accounts - 1.0) / (options.FullGroupSize - 1.0), 0, 1);

    /// <summary>
    /// Measures the group feature by feature, in the order of <see cref="FeatureNames.Measured"/>, into
    /// <paramref name="sink"/>: the one list of what a group is measured on, for the score and for
    /// <see cref="Measure"/>. The sink is a struct, so the score (run for every core of every rebuild and every signup
    /// check) allocates nothing for it.
    /// </summary>
    private void Walk<TSink>(GroupFeatures f, ref TSink sink) where TSink : struct, IMeasurementSink
    {
        var n = (double)f.Accounts;
        string? Top(int kind) => f.SharedTop[kind] is { } key && NodeKey.TryParse(key, out _, out var value) ? value : f.SharedTop[kind];
        double PerAccount(long count) => n == 0 ? 0 : count / n;

        for (var k = 0; k < FeatureNames.Shared.Length; k++)
        {
            sink.Add(new(FeatureNames.Shared[k], f.SharedMax[k], 1, Top(k)));
        }

        sink.Add(new(FeatureNames.Accounts, n, 1));
        var presence = false;
        foreach (var (name, value, factor) in Behaviour(f))
        {
            presence |= name == FeatureNames.DailyPresence;
            if (name == FeatureNames.UnevenTraffic && !presence)
            {
                sink.Add(new(FeatureNames.DailyPresence, DailyPresence(f), 0));
            }

            sink.Add(new(name, value, factor));
        }

        sink.Add(new(FeatureNames.NetworkDispersion, NetworkDispersion(f), 1));
        sink.Add(new(FeatureNames.CoLocated, CoLocation(f), CustomerSizedPlace(f), Top(GroupFeatures.KindIndex(EntityKind.IpRange))));
        sink.Add(new(FeatureNames.HubLinked, PerAccount(f.HubLinked), 1));
        sink.Add(new(FeatureNames.FraudLabelled, PerAccount(f.FraudLabelled), 1));
        sink.Add(new(FeatureNames.BenignLabelled, PerAccount(f.BenignLabelled), 1));
    }

    private interface IMeasurementSink
    {
        void Add(in Measurement measured);
    }

    /// <summary>The score's logit and reasons: weight × scale(value) × factor for each configured feature.</summary>
    private struct WeightedSum(ScoringOptions options, double group) : IMeasurementSink
    {
        public double Logit { get; private set; } = options.Bias;

        public List<Reason> Reasons { get; } = [];

        public void Add(in Measurement measured)
        {
            if (!options.Features.TryGetValue(measured.Feature, out var spec))
            {
                return;
            }

            var contribution = spec.Weight * spec.Scale(measured.Value) * (spec.GroupOnly ? group : 1) * measured.Factor;
            Logit += contribution;
            if (contribution != 0)
            {
                Reasons.Add(new Reason(measured.Feature, Math.Round(measured.Value, 4), Math.Round(contribution, 4), measured.Entity));
            }
        }
    }

    private struct Collected(Measurement[] measured) : IMeasurementSink
    {
        private int _next;

        public Measurement[] Measured { get; } = measured;

        public void Add(in Measurement measured) => Measured[_next++] = measured;
    }
}
