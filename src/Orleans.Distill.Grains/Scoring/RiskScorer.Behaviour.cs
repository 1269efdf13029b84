using Orleans.Distill.Events;

namespace Orleans.Distill.Scoring;

/// <summary>Behaviour in common: how the accounts sign up, what they send and when.</summary>
public sealed partial class RiskScorer
{
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
