using Orleans.Distill.Events;
using Orleans.Distill.Graph;

namespace Orleans.Distill.Accounts;

/// <summary>How events change an account's state: pure, so it is tested without a silo.</summary>
public static class AccountEvents
{
    /// <summary>Applies <paramref name="e"/> unless it was applied before; true when the state changed.</summary>
    public static bool Apply(AccountState state, DistillEvent e)
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
                    state.Email = e.Email ?? state.Email;
                    state.Country = e.Country ?? state.Country;
                }

                break;
            case EventType.Usage:
                state.RequestsByCategory[(int)e.Category] += e.Requests;
                state.TokensByCategory[(int)e.Category] += e.Tokens;
                break;
            case EventType.Label:
                // The latest verdict in event time stands, whatever order the labels arrive in.
                if (state.LabelAt is null || e.At >= state.LabelAt)
                {
                    state.Label = e.Verdict;
                    state.LabelAt = e.At;
                }

                break;
        }

        return true;
    }
}
