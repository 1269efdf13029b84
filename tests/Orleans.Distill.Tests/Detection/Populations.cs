using Orleans.Distill.Events;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>Hand-built populations for the detection scenarios: rings, and the sharing that must not be flagged.</summary>
public static class Populations
{
    /// <summary>
    /// A distillation ring: accounts signed up within an hour, sharing a few cards and proxy ranges, each sending
    /// the same capability-probing traffic every hour of the last day, just under a rate limit.
    /// </summary>
    public static List<DistillEvent> Ring(string p, int accounts, int cards, IReadOnlyList<string> ranges, int devices = 0)
    {
        var events = new List<DistillEvent>();
        var signup = T0.AddDays(-2);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{p}ring{i}";
            // Cards in blocks, ranges and devices in turn: every card spans the ranges, as a farm's do.
            var range = ranges[i % ranges.Count];
            var device = devices == 0 ? null : $"{p}emulator{i % devices}";
            events.Add(Signup(account, range, signup.AddSeconds(i * 7), device: device));
            events.Add(Payment(account, $"{p}card{i * cards / accounts}", signup.AddSeconds(i * 7 + 60)));
            for (var h = 0; h < 24; h++)
            {
                events.Add(Usage(account, T0.AddHours(-24 + h), ipRange: range, requests: 40 + (i % 3),
                    category: h % 3 == 0 ? TrafficCategory.Agentic : TrafficCategory.Coding));
            }
        }

        return events;
    }

    /// <summary>
    /// People: each signed up on their own date over half a year, with their own card, and traffic of their own
    /// size, mix and hours over the last three weeks.
    /// </summary>
    public static List<DistillEvent> People(string p, int count, Func<int, string> range, Func<int, string>? card = null, int seed = 1)
    {
        var random = new Random(seed);
        var events = new List<DistillEvent>();
        for (var i = 0; i < count; i++)
        {
            var account = $"{p}u{i}";
            events.Add(Signup(account, range(i), T0.AddDays(-random.Next(20, 180)).AddMinutes(random.Next(1440))));
            events.Add(Payment(account, card?.Invoke(i) ?? $"{p}own-card{i}", T0.AddDays(-random.Next(1, 20))));
            var days = random.Next(1, 6);
            for (var d = 0; d < days; d++)
            {
                var category = (TrafficCategory)random.Next(5);
                var requests = (long)Math.Exp(random.NextDouble() * 7) + 1;
                events.Add(Usage(account, T0.AddDays(-random.Next(0, 21)).AddHours(random.Next(24)), ipRange: range(i),
                    requests: requests, category: category));
            }
        }

        return events;
    }
}
