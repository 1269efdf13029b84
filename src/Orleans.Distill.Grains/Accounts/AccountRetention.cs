using Orleans.Distill.Retention;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Accounts;

/// <summary>What retention and erasure delete from an account: pure, so it is tested without a silo.</summary>
public static class AccountRetention
{
    /// <summary>
    /// Deletes links last seen before the cutoff and usage older than it. Usage totals carry no times, so they go
    /// only when the account's every event is older; hours of activity go one by one. Returns the entity keys whose
    /// links were deleted, and whether any usage was.
    /// </summary>
    public static (IReadOnlyList<string> DroppedLinks, bool UsageDropped) Prune(AccountState state, RetentionCutoffs cutoffs)
    {
        var dropped = state.Links.Where(l => l.Value.LastSeen < cutoffs.LinksBefore).Select(l => l.Key).ToList();
        foreach (var entity in dropped)
        {
            state.Links.Remove(entity);
        }

        var usageDropped = false;
        if (cutoffs.UsageBefore > DateTime.MinValue)
        {
            var oldest = AccountProfile.HourOf(cutoffs.UsageBefore);
            usageDropped |= state.ActiveHours.RemoveWhere(h => h < oldest) > 0;
            if (state.LastSeen < cutoffs.UsageBefore
                && (state.RequestsByCategory.Any(r => r != 0) || state.TokensByCategory.Any(t => t != 0) || state.ActiveDays != 0 || state.FirstActiveAt is not null))
            {
                Array.Clear(state.RequestsByCategory);
                Array.Clear(state.TokensByCategory);
                state.ActiveDays = 0;
                state.DayRequestsSquared = 0;
                state.DayRequestsCubed = 0;
                state.OpenDayRequests = 0;
                state.FirstActiveAt = null;
                usageDropped = true;
            }
        }

        return (dropped, usageDropped);
    }

    /// <summary>
    /// Erases the account's personal fields (the email's keyed hash and domain, the country) and keeps them from
    /// coming back with later events. Links, usage, labels and verdicts stay: they are pseudonymous evidence.
    /// Returns the fields that held a value.
    /// </summary>
    public static IReadOnlyList<string> Erase(AccountState state, DateTime at)
    {
        var erased = new List<string>();
        if (state.Email is not null)
        {
            erased.Add("email");
        }

        if (state.Country is not null)
        {
            erased.Add("country");
        }

        state.Email = null;
        state.Country = null;
        state.ErasedAt ??= at;
        return erased;
    }
}
