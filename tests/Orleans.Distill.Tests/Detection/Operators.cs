using Orleans.Distill.Events;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>Populations that run for weeks of event time, from a given start: rings and the people around them.</summary>
public static class Operators
{
    /// <summary>
    /// A ring run by one operator: signups within two hours of <paramref name="start"/>, each account paying once,
    /// at signup, with one of <paramref name="cards"/> cards (in blocks); then the same capability traffic at the
    /// same hour every day for <paramref name="days"/> days, from its signup range or, without
    /// <paramref name="trafficFromRanges"/>, from addresses that say nothing.
    /// </summary>
    public static List<DistillEvent> Ring(
        string p, DateTime start, int accounts, int cards, IReadOnlyList<string> ranges, int days, bool trafficFromRanges = true)
    {
        var events = new List<DistillEvent>();
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{p}ring{i}";
            var range = ranges[i % ranges.Count];
            var signup = start.AddSeconds(i * 7200.0 / accounts);
            events.Add(Signup(account, range, signup));
            events.Add(Payment(account, $"{p}card{i * cards / accounts}", signup.AddMinutes(1)));
            events.AddRange(DailyTraffic(account, start, 0, days, trafficFromRanges ? range : null));
        }

        return events;
    }

    /// <summary>One uniform capability request batch a day, at the same hour, from day <paramref name="from"/> to before <paramref name="to"/>.</summary>
    public static IEnumerable<DistillEvent> DailyTraffic(string account, DateTime start, int from, int to, string? range = null)
    {
        for (var d = from; d < to; d++)
        {
            yield return Usage(account, start.AddDays(d).AddHours(3), ipRange: range, requests: 800,
                category: d % 3 == 0 ? TrafficCategory.Agentic : TrafficCategory.Coding);
        }
    }

    /// <summary>
    /// People on shared ranges: each signed up on a day of their own within <paramref name="signupDays"/> of
    /// <paramref name="start"/>, with a card of their own (or <paramref name="card"/>'s), and uneven traffic of
    /// their own mix and hours over the following <paramref name="days"/> days.
    /// </summary>
    public static List<DistillEvent> People(
        string p, DateTime start, int count, Func<int, string> range, int signupDays, int days, int seed, Func<int, string>? card = null, string name = "u")
    {
        var random = new Random(seed);
        var events = new List<DistillEvent>();
        for (var i = 0; i < count; i++)
        {
            var account = $"{p}{name}{i}";
            var signup = start.AddDays(random.Next(signupDays)).AddMinutes(random.Next(1440));
            events.Add(Signup(account, range(i), signup));
            events.Add(Payment(account, card?.Invoke(i) ?? $"{p}{name}-card{i}", signup.AddHours(random.Next(1, 72))));
            var active = random.Next(1, 8);
            for (var a = 0; a < active; a++)
            {
                var at = signup.AddDays(random.Next(0, Math.Max(1, days - (signup - start).Days))).AddHours(random.Next(24));
                events.Add(Usage(account, at, ipRange: range(i), requests: (long)Math.Exp(random.NextDouble() * 6) + 1,
                    category: (TrafficCategory)random.Next(5)));
            }
        }

        return events;
    }

    /// <summary>The events in event-time order, one batch per day: how live traffic reaches the graph.</summary>
    public static IEnumerable<DistillEvent[]> ByDay(IEnumerable<DistillEvent> events) =>
        events.OrderBy(e => e.At).GroupBy(e => e.At.Date).Select(g => g.ToArray());
}
