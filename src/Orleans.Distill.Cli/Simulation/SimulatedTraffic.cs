namespace Orleans.Distill.Cli.Simulation;

/// <summary>
/// Usage lines, one per account per active day: uneven and on each person's own hours for organic users, uniform
/// and in lockstep for campaigns, which run every day just under the rate limits.
/// </summary>
public sealed class SimulatedTraffic(SimulationOptions options)
{
    private static readonly string[] Capabilities = ["coding", "agentic", "reasoning"];

    public void Organic(EventSink sink, Random random, string account, string ip, bool developer, string? template)
    {
        var activeDays = random.Next(2, Math.Max(3, options.Days / 2));
        var hour = random.Next(7, 23);
        for (var d = 0; d < activeDays; d++)
        {
            var day = options.Start.AddDays(random.Next(options.Days));
            var requests = 1 + (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(developer ? 300 : 80)));
            var category = developer
                ? (random.NextDouble() < 0.6 ? "coding" : random.NextDouble() < 0.5 ? "chat" : "reasoning")
                : (random.NextDouble() < 0.7 ? "chat" : "other");
            var at = day.AddHours((hour + random.Next(-2, 3) + 24) % 24).AddMinutes(random.Next(60));
            sink.Usage(account, at, ip, requests, category, requests * (long)random.Next(300, 3000), template: random.NextDouble() < 0.5 ? template : null);
        }
    }

    public void PowerUser(EventSink sink, Random random, string account, string ip)
    {
        for (var d = 0; d < options.Days; d++)
        {
            if (random.NextDouble() < 0.2)
            {
                continue; // weekends, days off
            }

            var requests = random.Next(1_000, 5_000);
            var at = options.Start.AddDays(d).AddHours(random.Next(8, 22)).AddMinutes(random.Next(60));
            sink.Usage(account, at, ip, requests, "coding", requests * (long)random.Next(800, 2500));
        }
    }

    /// <summary>Every day from signup to the end, at the same hour as the rest of the campaign, about the same volume.</summary>
    public void Campaign(EventSink sink, Random random, string account, string ip, DateTime signup, int dailyRequests, double chatShare, string? template, string? device = null)
    {
        for (var day = signup.Date.AddDays(1); day < options.Start.AddDays(options.Days); day = day.AddDays(1))
        {
            var requests = dailyRequests + random.Next(-dailyRequests / 20, dailyRequests / 20 + 1);
            var category = random.NextDouble() < chatShare ? "chat" : Capabilities[random.Next(Capabilities.Length)];
            var at = day.AddHours(3).AddMinutes(random.Next(30));
            sink.Usage(account, at, ip, requests, category, requests * 1_200L, device, template);
        }
    }
}
