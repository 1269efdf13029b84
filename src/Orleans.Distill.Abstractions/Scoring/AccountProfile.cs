using Orleans.Distill.Events;
using Orleans.Distill.Graph;

namespace Orleans.Distill.Scoring;

/// <summary>
/// What one account contributes to the features of a group it is in, with its links: everything a component
/// rebuild needs from the account, in one call.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.account-profile")]
public sealed record AccountProfile
{
    [Id(0)] public required string Account { get; init; }

    /// <summary>The component the account points to (see <c>IAccountGrain</c>).</summary>
    [Id(1)] public required string Component { get; init; }

    [Id(2)] public required IReadOnlyList<LinkUpdate> Links { get; init; }

    /// <summary>Day number (days since 0001-01-01) of the signup, or of the first event when no signup was seen.</summary>
    [Id(3)] public int SignupDay { get; init; }

    /// <summary>Requests by <see cref="TrafficCategory"/>.</summary>
    [Id(4)] public required long[] Requests { get; init; }

    [Id(5)] public long Tokens { get; init; }

    /// <summary>Hour numbers (hours since 0001-01-01) in which the account was active, within the window.</summary>
    [Id(6)] public required int[] ActiveHours { get; init; }

    [Id(7)] public Verdict? Label { get; init; }

    /// <summary>Days on which the account sent traffic.</summary>
    [Id(8)] public int ActiveDays { get; init; }

    /// <summary>The account's latest event: links that stay evidence while it is active count from here.</summary>
    [Id(9)] public DateTime LastSeen { get; init; }

    /// <summary>The sum over its active days of each day's requests squared (0 when not recorded).</summary>
    [Id(10)] public double DayRequestsSquared { get; init; }

    /// <summary>The sum over its active days of each day's requests cubed (0 when not recorded).</summary>
    [Id(11)] public double DayRequestsCubed { get; init; }

    /// <summary>Day number of the account's first traffic; null before it has sent any, or when not recorded.</summary>
    [Id(12)] public int? FirstActiveDay { get; init; }

    /// <summary>Day number of the account's latest traffic; null before it has sent any, or when not recorded.</summary>
    [Id(13)] public int? LastActiveDay { get; init; }

    public long TotalRequests => Requests.Sum();

    /// <summary>Whether the account has sent traffic on record: requests on at least one active day.</summary>
    public bool SentTraffic => ActiveDays > 0 && TotalRequests > 0;

    public static int DayOf(DateTime at) => (int)(at.Ticks / TimeSpan.TicksPerDay);

    public static int HourOf(DateTime at) => (int)(at.Ticks / TimeSpan.TicksPerHour);
}
