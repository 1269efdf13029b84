using Orleans.Distill.Events;
using Orleans.Distill.Graph;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Accounts;

/// <summary>How events change an account's state: pure, so it is tested without a silo.</summary>
public static class AccountEvents
{
    /// <summary>Applies <paramref name="e"/> unless it was applied before; true when the state changed.</summary>
    public static bool Apply(AccountState state, DistillEvent e) => Apply(state, e, TimeSpan.Zero);

    /// <summary>
    /// As <see cref="Apply(AccountState, DistillEvent)"/>, keeping activity hours only within
    /// <paramref name="activityWindow"/> of the account's latest event (zero keeps them all).
    /// </summary>
    public static bool Apply(AccountState state, DistillEvent e, TimeSpan activityWindow)
    {
        if (!state.Applied.Add(e.Dedupe))
        {
            return false;
        }

        if (!state.Exists || e.At < state.FirstSeen)
        {
            state.FirstSeen = e.At;
        }

        if (!state.Exists || e.At > state.LastSeen)
        {
            state.LastSeen = e.At;
        }

        state.Exists = true;
        state.EventsApplied++;
        foreach (var entity in e.LinkedEntities())
        {
            state.Links[entity] = state.Links.TryGetValue(entity, out var link) ? link.Seen(e.At) : LinkRecord.At(e.At);
        }

        switch (e.Type)
        {
            case EventType.Signup:
                if (state.SignupAt is null || e.At < state.SignupAt)
                {
                    state.SignupAt = e.At;
                    if (state.ErasedAt is null)
                    {
                        state.Email = e.Email ?? state.Email;
                        state.Country = e.Country ?? state.Country;
                    }
                }

                break;
            case EventType.Usage:
                state.RequestsByCategory[(int)e.Category] += e.Requests;
                state.TokensByCategory[(int)e.Category] += e.Tokens;
                RecordActivity(state, e.At, activityWindow);
                RecordVolume(state, e.At, e.Requests);
                state.FirstActiveAt = state.FirstActiveAt is { } first && first <= e.At ? first : e.At;
                break;
            case EventType.Label:
                // The latest verdict in event time stands, whatever order the labels arrive in.
                if (state.LabelAt is null || e.At >= state.LabelAt)
                {
                    state.Label = e.Verdict;
                    state.LabelAt = e.At;
                    state.LabelSource = e.Source;
                }

                break;
        }

        return true;
    }

    /// <summary>
    /// Adds <paramref name="requests"/> to its day's total in <see cref="AccountState.DayRequestsSquared"/> and
    /// <see cref="AccountState.DayRequestsCubed"/>. Events arrive in event-time order, so only the latest day is
    /// still adding up; an event for an earlier day counts as a day of its own, which can only understate how much
    /// the days differ (scoring never takes the sums below what equal days would give).
    /// </summary>
    private static void RecordVolume(AccountState state, DateTime at, long requests)
    {
        var day = AccountProfile.DayOf(at);
        var before = day == state.OpenDay ? state.OpenDayRequests : 0;
        var after = before + requests;
        state.DayRequestsSquared += ((double)after * after) - ((double)before * before);
        state.DayRequestsCubed += ((double)after * after * after) - ((double)before * before * before);
        if (day >= state.OpenDay)
        {
            state.OpenDay = day;
            state.OpenDayRequests = after;
        }
    }

    private static void RecordActivity(AccountState state, DateTime at, TimeSpan window)
    {
        if (window > TimeSpan.Zero && at < state.LastSeen - window)
        {
            return;
        }

        // A day is new when no hour of it is on record yet: the hours of the latest days are always kept. Most
        // events fall in an hour already on record, which settles it without a scan.
        var hour = AccountProfile.HourOf(at);
        var day = AccountProfile.DayOf(at);
        if (!state.ActiveHours.Contains(hour) && !state.ActiveHours.Any(h => h / 24 == day))
        {
            state.ActiveDays++;
        }

        if (state.ActiveHours.Add(hour) && window > TimeSpan.Zero)
        {
            var oldest = AccountProfile.HourOf(state.LastSeen - window);
            state.ActiveHours.RemoveWhere(h => h < oldest);
        }
    }
}
