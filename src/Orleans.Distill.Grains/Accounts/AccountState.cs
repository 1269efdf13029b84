using Orleans.Distill.Actions;
using Orleans.Distill.Events;
using Orleans.Distill.Graph;

namespace Orleans.Distill.Accounts;

[GenerateSerializer, Alias("distill.account-state")]
public sealed class AccountState
{
    [Id(0)] public bool Exists { get; set; }

    /// <summary>The component this account is a direct member of; null means its home component.</summary>
    [Id(1)] public string? Component { get; set; }

    /// <summary>Links by entity node key.</summary>
    [Id(2)] public Dictionary<string, LinkRecord> Links { get; set; } = [];

    /// <summary>Idempotency keys of every event applied to this account.</summary>
    [Id(3)] public HashSet<ulong> Applied { get; set; } = [];

    [Id(4)] public DateTime? SignupAt { get; set; }
    [Id(5)] public DateTime FirstSeen { get; set; }
    [Id(6)] public DateTime LastSeen { get; set; }
    [Id(7)] public long[] RequestsByCategory { get; set; } = new long[5];
    [Id(8)] public long[] TokensByCategory { get; set; } = new long[5];
    [Id(9)] public string? Email { get; set; }
    [Id(10)] public string? Country { get; set; }
    [Id(11)] public Verdict? Label { get; set; }
    [Id(12)] public DateTime? LabelAt { get; set; }
    [Id(13)] public long EventsApplied { get; set; }

    /// <summary>Hours (see <c>AccountProfile.HourOf</c>) in which the account was active, within the window.</summary>
    [Id(14)] public HashSet<int> ActiveHours { get; set; } = [];

    [Id(15)] public List<AnalystAction> Actions { get; set; } = [];

    [Id(16)] public string? LabelSource { get; set; }

    /// <summary>Days on which the account sent traffic, counted as events arrive in event-time order.</summary>
    [Id(17)] public int ActiveDays { get; set; }

    /// <summary>When the account's personal fields were erased; later events do not bring them back.</summary>
    [Id(18)] public DateTime? ErasedAt { get; set; }

    /// <summary>
    /// The sum over the account's active days of each day's requests squared, with the day that is still adding
    /// up: how far its volume strays from day to day, kept as that sum and the open day's total, not as a table of days.
    /// </summary>
    [Id(19)] public double DayRequestsSquared { get; set; }

    [Id(20)] public int OpenDay { get; set; }

    [Id(21)] public long OpenDayRequests { get; set; }

    /// <summary>The same sum of each day's requests cubed: the spread of its days weighed by their volume.</summary>
    [Id(22)] public double DayRequestsCubed { get; set; }

    /// <summary>
    /// When the account first sent traffic (null before it has, or when recorded before this was kept): an account
    /// already at work when it took a card that others share joined as what it was, not on that day.
    /// </summary>
    [Id(23)] public DateTime? FirstActiveAt { get; set; }
}
