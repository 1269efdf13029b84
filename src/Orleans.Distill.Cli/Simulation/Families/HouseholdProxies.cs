namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// A ring on residential proxies whose exits are real households' home connections: every range the ring uses is
/// also a household's, so the address that links the ring also links it to organic families.
/// </summary>
public sealed class HouseholdProxies() : CampaignFamily("household_proxy")
{
    private static readonly Households HouseholdFamily = new();

    public override string Description => "unique cards, 2–6 accounts per household's home range (households made if too few), 8–25 per device, 20–50 per template, signups over 24–120 h, 400–900 requests a day";

    public override void Generate(World world, int count)
    {
        var perHome = world.Between(2, 6);
        var homes = Rent(world, (count + perHome - 1) / perHome);
        var devices = PoolPer(world, count, world.Between(8, 25), world.Device);
        var templates = PoolPer(world, count, world.Between(20, 50), world.Template);
        var begin = Within(world, 0.05, 0.35);
        var windowHours = world.Between(24, 120);
        var pace = CampaignPace.Draw(world, 400, 900, 0.05, 0.2);
        for (var i = 0; i < count; i++)
        {
            // The exit is the household's own line: its /24, on whatever address the provider hands out that day.
            var home = Prefix(homes[i % homes.Length]);
            var device = devices[i % devices.Length];
            var signup = begin.AddHours(world.Between(0, windowHours));
            var account = Enlist(world, signup, world.Host(home), device, world.Card());
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => world.Host(home), signup, pace, templates[i % templates.Length], device);
        }
    }

    /// <summary>Homes of existing households, none twice; households are made for the ring when there are too few.</summary>
    private static string[] Rent(World world, int needed)
    {
        var habits = Households.Habits(world);
        while (world.Homes.Count < needed)
        {
            HouseholdFamily.Home(world, world.Between(2, 4), habits);
        }

        return [.. world.Homes.OrderBy(_ => world.Random.Next()).Take(needed)];
    }

    private static string Prefix(string ip) => ip[..ip.LastIndexOf('.')];
}
