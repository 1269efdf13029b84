using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Scoring;

/// <summary>
/// The features of a group of accounts (a component, or the accounts of a hub), kept so that two groups merge
/// in one pass and in any order: sums, maxima and sparse histograms. A signup risk check merges the groups a new
/// account would join and scores the result without touching the graph.
/// </summary>
[GenerateSerializer, Alias("distill.group-features")]
public sealed class GroupFeatures
{
    [Id(0)] public long Accounts { get; set; }

    /// <summary>Entities that glue the group, by linked kind (<see cref="KindIndex"/>).</summary>
    [Id(1)] public long[] Entities { get; set; } = new long[4];

    /// <summary>The most accounts any one entity of the kind links in the group, and that entity.</summary>
    [Id(2)] public long[] SharedMax { get; set; } = new long[4];

    [Id(3)] public string?[] SharedTop { get; set; } = new string?[4];

    /// <summary>
    /// Accounts by the day they joined the group: the day they signed up, or, for an account older than the card or
    /// device it shares here and silent until then, the day it first used it. Bought accounts signed up one by one
    /// months ago join their ring on the day its cards are attached to them.
    /// </summary>
    [Id(4)] public Dictionary<int, int> SignupDays { get; set; } = [];

    [Id(5)] public long[] Requests { get; set; } = new long[5];

    [Id(6)] public long Tokens { get; set; }

    /// <summary>Accounts active in each hour.</summary>
    [Id(8)] public Dictionary<int, int> ActiveHours { get; set; } = [];

    [Id(9)] public long FraudLabelled { get; set; }
    [Id(10)] public long BenignLabelled { get; set; }

    /// <summary>Accounts that link to at least one hub.</summary>
    [Id(11)] public long HubLinked { get; set; }

    /// <summary>
    /// Accounts that sent traffic, their active days, and the sums over those account-days of requests and of
    /// requests squared: the spread of daily load across accounts and across each account's days, whatever the
    /// accounts' ages (a steady drip's accounts differ in total requests only by when they signed up).
    /// </summary>
    [Id(12)] public long TrafficAccounts { get; set; }

    [Id(16)] public long AccountDays { get; set; }

    [Id(17)] public double DayRequests { get; set; }

    [Id(18)] public double DayRequestsSquared { get; set; }

    /// <summary>
    /// The sum over the account-days of requests cubed: with the squares, the spread of daily load weighed by
    /// volume, in which a few people sending a handful of requests barely count beside a farm's thousands.
    /// </summary>
    [Id(19)] public double DayRequestsCubed { get; set; }

    /// <summary>
    /// The sum over the accounts that sent traffic of each one's requests squared over its active days, and how many
    /// accounts it sums. With <see cref="AccountDays"/> and <see cref="DayRequests"/>: the spread of the accounts'
    /// mean daily load between the accounts, which varying the load from day to day averages out of. Features
    /// stored before it was kept hold neither; fewer summed than <see cref="TrafficAccounts"/> means not measured.
    /// </summary>
    [Id(20)] public double AccountMeanSquares { get; set; }

    [Id(21)] public long MeanSquaredAccounts { get; set; }

    /// <summary>
    /// The days strictly between each account's first and latest day of traffic, summed over the accounts, and on how
    /// many of those days they sent traffic: whether the accounts rest as people do or run every day as a script does.
    /// The first and latest days are left out because they are days of traffic by definition. Features stored
    /// before these were kept hold neither.
    /// </summary>
    [Id(22)] public long InnerDays { get; set; }

    [Id(23)] public long InnerActiveDays { get; set; }

    /// <summary>
    /// For a core: how many accounts of its component use the core's most shared IP range, more than the core's
    /// own when other card groups or strangers share its place. 0 for a component or a hub, whose place holds no
    /// one outside it.
    /// </summary>
    [Id(15)] public long PlaceAccounts { get; set; }

    public long TotalRequests => Requests.Sum();

    public static int KindIndex(EntityKind kind) => (int)kind - 1;

    /// <param name="joinedDay">The day it joined the group (see <see cref="SignupDays"/>); its signup day when not given.</param>
    public void AddAccount(AccountProfile profile, bool linksHub, int? joinedDay = null)
    {
        Accounts++;
        Increment(SignupDays, joinedDay ?? profile.SignupDay, 1);
        for (var c = 0; c < Requests.Length; c++)
        {
            Requests[c] += profile.Requests[c];
        }

        if (profile.SentTraffic)
        {
            var total = profile.TotalRequests;
            TrafficAccounts++;
            AccountDays += profile.ActiveDays;
            DayRequests += total;
            // Never below what equal days would give: an account recorded without its days' squares and cubes (or
            // with a late event counted as a day of its own) counts as steady from day to day, not as steadier.
            // Equal days give the account's mean squared once a day: the floor of its squares, and its share of the spread between accounts.
            var meanSquared = (double)total * total / profile.ActiveDays;
            DayRequestsSquared += Math.Max(profile.DayRequestsSquared, meanSquared);
            DayRequestsCubed += Math.Max(profile.DayRequestsCubed, meanSquared * total / profile.ActiveDays);
            AccountMeanSquares += meanSquared;
            MeanSquaredAccounts++;
        }

        if (profile.FirstActiveDay is { } first && profile.LastActiveDay is { } last && last - first >= 2)
        {
            // An account whose older days were counted before its first traffic was kept has more active days than
            // its span holds; it counts as active on every inner day, no more.
            var inner = last - first - 1;
            InnerDays += inner;
            InnerActiveDays += Math.Clamp(profile.ActiveDays - 2, 0, inner);
        }

        Tokens += profile.Tokens;
        foreach (var hour in profile.ActiveHours)
        {
            Increment(ActiveHours, hour, 1);
        }

        switch (profile.Label)
        {
            case Verdict.Fraud: FraudLabelled++; break;
            case Verdict.Benign: BenignLabelled++; break;
        }

        if (linksHub)
        {
            HubLinked++;
        }
    }

    /// <summary>Counts an entity that glues the group and how many of the group's accounts it links.</summary>
    public void AddEntity(EntityKind kind, string key, long accounts)
    {
        var k = KindIndex(kind);
        Entities[k]++;
        Share(k, accounts, key);
    }

    public void Merge(GroupFeatures other)
    {
        Accounts += other.Accounts;
        for (var k = 0; k < Entities.Length; k++)
        {
            Entities[k] += other.Entities[k];
            Share(k, other.SharedMax[k], other.SharedTop[k]);
        }

        foreach (var (day, n) in other.SignupDays)
        {
            Increment(SignupDays, day, n);
        }

        for (var c = 0; c < Requests.Length; c++)
        {
            Requests[c] += other.Requests[c];
        }

        Tokens += other.Tokens;
        TrafficAccounts += other.TrafficAccounts;
        AccountDays += other.AccountDays;
        DayRequests += other.DayRequests;
        DayRequestsSquared += other.DayRequestsSquared;
        DayRequestsCubed += other.DayRequestsCubed;
        AccountMeanSquares += other.AccountMeanSquares;
        MeanSquaredAccounts += other.MeanSquaredAccounts;
        InnerDays += other.InnerDays;
        InnerActiveDays += other.InnerActiveDays;
        foreach (var (hour, n) in other.ActiveHours)
        {
            Increment(ActiveHours, hour, n);
        }

        FraudLabelled += other.FraudLabelled;
        BenignLabelled += other.BenignLabelled;
        HubLinked += other.HubLinked;
        PlaceAccounts = Math.Max(PlaceAccounts, other.PlaceAccounts);
    }

    public GroupFeatures Clone()
    {
        var copy = new GroupFeatures();
        copy.Merge(this);
        return copy;
    }

    /// <summary>Raises the kind's largest sharing to <paramref name="accounts"/> linked by <paramref name="key"/> if larger.</summary>
    public void Share(int kindIndex, long accounts, string? key)
    {
        if (accounts > SharedMax[kindIndex] ||
            (accounts == SharedMax[kindIndex] && key is not null && string.CompareOrdinal(key, SharedTop[kindIndex]) < 0))
        {
            SharedMax[kindIndex] = accounts;
            SharedTop[kindIndex] = key;
        }
    }

    private static void Increment(Dictionary<int, int> histogram, int bucket, int n) =>
        histogram[bucket] = histogram.GetValueOrDefault(bucket) + n;
}
