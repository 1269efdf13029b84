using Orleans.Distill.Accounts;
using Orleans.Distill.Events;

namespace Orleans.Distill.Tests.Accounts;

public sealed class AccountEventsTests
{
    private static readonly DateTime T0 = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    private static DistillEvent Usage(int hour, ulong dedupe, string? ip = "203.0.113.0/24") => new()
    {
        Type = EventType.Usage,
        Account = "a",
        At = T0.AddHours(hour),
        IpRange = ip,
        Requests = 10,
        Tokens = 100,
        Category = TrafficCategory.Coding,
        Dedupe = dedupe,
    };

    [Fact]
    public void SameEventTwice_IsAppliedOnce()
    {
        var state = new AccountState();
        Assert.True(AccountEvents.Apply(state, Usage(1, 7)));
        Assert.False(AccountEvents.Apply(state, Usage(1, 7)));

        Assert.Equal(10, state.RequestsByCategory[(int)TrafficCategory.Coding]);
        Assert.Equal(1, state.Links["ip_range:203.0.113.0/24"].Count);
        Assert.Equal(1, state.EventsApplied);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ActiveDays_CountsDaysWithTraffic_InEitherOrder(bool backwards)
    {
        // Three events on day 0, one on day 1, two on day 3; a signup on day 5 sends no traffic.
        var events = new[] { 1, 5, 23, 30, 75, 80 }.Select((h, i) => Usage(h, (ulong)i)).ToList();
        if (backwards)
        {
            events.Reverse();
        }

        var state = new AccountState();
        events.ForEach(e => AccountEvents.Apply(state, e, TimeSpan.FromDays(30)));
        AccountEvents.Apply(state, Usage(120, 99) with { Type = EventType.Signup, Requests = 0 });
        AccountEvents.Apply(state, Usage(30, 3));

        Assert.Equal(3, state.ActiveDays);
        // The first traffic, whatever order it came in.
        Assert.Equal(events.Min(e => e.At), state.FirstActiveAt);
    }

    [Fact]
    public void FirstActiveAt_IsTheFirstTraffic_NotTheSignupOrACard()
    {
        var state = new AccountState();
        AccountEvents.Apply(state, Usage(0, 1) with { Type = EventType.Signup, Requests = 0 });
        AccountEvents.Apply(state, Usage(2, 2) with { Type = EventType.Payment, Requests = 0, Instrument = "tok_card" });
        Assert.Null(state.FirstActiveAt);

        AccountEvents.Apply(state, Usage(30, 3), TimeSpan.FromDays(30));

        Assert.Equal(Usage(30, 3).At, state.FirstActiveAt);
    }

    [Fact]
    public void DayRequestsSquaredAndCubed_SumEachDaysTotalSquaredAndCubed()
    {
        // 10 + 10 requests on day 0, 10 on day 1, 10 + 10 + 10 on day 3.
        var state = new AccountState();
        foreach (var (hour, i) in new[] { 1, 5, 30, 75, 76, 80 }.Select((h, i) => (h, (ulong)i)))
        {
            AccountEvents.Apply(state, Usage(hour, i), TimeSpan.FromDays(30));
        }

        Assert.Equal((20 * 20) + (10 * 10) + (30 * 30), state.DayRequestsSquared);
        Assert.Equal((20 * 20 * 20) + (10 * 10 * 10) + (30 * 30 * 30), state.DayRequestsCubed);
        Assert.Equal(3, state.ActiveDays);

        // A late event for a day already closed counts as a day of its own: never more than the true sum.
        AccountEvents.Apply(state, Usage(2, 9), TimeSpan.FromDays(30));
        Assert.Equal((20 * 20) + (10 * 10) + (30 * 30) + (10 * 10), state.DayRequestsSquared);
        Assert.True(state.DayRequestsSquared <= (30 * 30) + (10 * 10) + (30 * 30));
        Assert.Equal((20 * 20 * 20) + (10 * 10 * 10) + (30 * 30 * 30) + (10 * 10 * 10), state.DayRequestsCubed);
    }

    [Fact]
    public void OutOfOrderEvents_GiveTheSameState()
    {
        var forward = new AccountState();
        var backward = new AccountState();
        var events = Enumerable.Range(0, 5).Select(i => Usage(i * 3, (ulong)i)).ToList();
        events.ForEach(e => AccountEvents.Apply(forward, e));
        Enumerable.Reverse(events).ToList().ForEach(e => AccountEvents.Apply(backward, e));

        Assert.Equal(forward.Links, backward.Links);
        Assert.Equal(T0, backward.FirstSeen);
        Assert.Equal(T0.AddHours(12), backward.LastSeen);
        Assert.Equal(forward.RequestsByCategory, backward.RequestsByCategory);
    }

    [Fact]
    public void LatestLabelInEventTime_Wins()
    {
        var state = new AccountState();
        AccountEvents.Apply(state, new DistillEvent { Type = EventType.Label, Account = "a", At = T0.AddDays(2), Verdict = Verdict.Benign, Dedupe = 1 });
        AccountEvents.Apply(state, new DistillEvent { Type = EventType.Label, Account = "a", At = T0.AddDays(1), Verdict = Verdict.Fraud, Dedupe = 2 });

        Assert.Equal(Verdict.Benign, state.Label);
        Assert.Empty(state.Links);
    }
}
