namespace Orleans.Distill.Cli.Simulation;

/// <summary>
/// Usage lines, one per account per active day: uneven and on each person's own hours for organic users, uniform
/// and in lockstep for pipelines, which run every day from their start just under the rate limits.
/// </summary>
public sealed class SimulatedTraffic(SimulationOptions options)
{
    private static readonly string[] Capabilities = ["coding", "agentic", "reasoning"];

    public void Organic(EventSink sink, Random random, string account, string ip, OrganicHabits habits, bool developer, string? template, string? device = null)
    {
        var activeDays = random.Next(2, Math.Max(3, (int)(options.Days * habits.ActiveShare)));
        var hour = random.Next(7, 23);
        for (var d = 0; d < activeDays; d++)
        {
            var day = options.Start.AddDays(random.Next(options.Days));
            var requests = 1 + (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(developer ? habits.DeveloperPeak : habits.CasualPeak)));
            var category = developer
                ? (random.NextDouble() < habits.CodingShare ? "coding" : random.NextDouble() < 0.5 ? "chat" : "reasoning")
                : (random.NextDouble() < habits.ChatShare ? "chat" : "other");
            var at = day.AddHours((hour + random.Next(-2, 3) + 24) % 24).AddMinutes(random.Next(60));
            sink.Usage(account, at, ip, requests, category, requests * (long)random.Next(300, 3000), device, random.NextDouble() < 0.5 ? template : null);
        }
    }

    /// <summary>Heavy coding most days, alone: <paramref name="offShare"/> of the days are weekends and days off.</summary>
    public void PowerUser(EventSink sink, Random random, string account, string ip, int low, int high, double offShare)
    {
        for (var d = 0; d < options.Days; d++)
        {
            if (random.NextDouble() < offShare)
            {
                continue;
            }

            var requests = random.Next(low, high);
            var at = options.Start.AddDays(d).AddHours(random.Next(8, 22)).AddMinutes(random.Next(60));
            sink.Usage(account, at, ip, requests, "coding", requests * (long)random.Next(800, 2500));
        }
    }

    /// <summary>Every day after <paramref name="from"/> to the end, at the pace's hour, about the pace's volume.</summary>
    public void Pipeline(EventSink sink, Random random, string account, Func<string> ip, DateTime from, CampaignPace pace, string? template, string? device = null)
    {
        var spread = (int)(pace.DailyRequests * pace.Jitter);
        // Accounts made before the scenario began show only the traffic inside it, as a real log would.
        var first = from.Date.AddDays(1) < options.Start ? options.Start : from.Date.AddDays(1);
        for (var day = first; day < options.Start.AddDays(options.Days); day = day.AddDays(1))
        {
            var requests = Math.Max(1, pace.DailyRequests + random.Next(-spread, spread + 1));
            var category = random.NextDouble() < pace.ChatShare ? "chat" : Capabilities[random.Next(Capabilities.Length)];
            var at = day.AddHours(pace.Hour).AddMinutes(random.Next(pace.MinuteSpread));
            sink.Usage(account, at, ip(), requests, category, requests * (long)pace.TokensPerRequest, device, template);
        }
    }
}
