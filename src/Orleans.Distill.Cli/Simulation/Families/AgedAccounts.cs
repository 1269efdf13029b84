namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// Bought accounts: signed up one by one months ago by their first owners, dormant, then taken over together —
/// cards attached in a burst and uniform capability-heavy traffic from then on.
/// </summary>
public sealed class AgedAccounts() : CampaignFamily("aged_accounts")
{
    public override string Description => "signups 60–120 to 150–300 days before the start, dormant until day 10–50%, then 8–25 accounts per card attached within 2–12 h, 30–100 per proxy range, 500–1,100 requests a day";

    public override void Generate(World world, int count)
    {
        var newest = world.Between(60, 120);
        var oldest = world.Between(150, 300);
        var takeover = Within(world, 0.1, 0.5);
        var burstMinutes = world.Between(2, 12) * 60;
        var cards = PoolPer(world, count, world.Between(8, 25), world.Card);
        var proxies = PoolPer(world, count, world.Between(30, 100), world.HostingPrefix);
        var pace = CampaignPace.Draw(world, 500, 1_100, 0.0, 0.05);
        for (var i = 0; i < count; i++)
        {
            var account = world.NewAccount(Name, Fraud);
            var signup = world.Start.AddDays(-world.Between(newest, oldest)).AddMinutes(world.Between(0, 1439));
            world.Sink.Signup(account, signup, world.ResidentialIp(), world.Device());
            var attached = takeover.AddMinutes(world.Between(0, burstMinutes));
            world.Sink.Payment(account, attached, cards[i % cards.Length]);
            var ip = world.Host(world.Pick(proxies));
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, attached, pace, null);
        }
    }
}
