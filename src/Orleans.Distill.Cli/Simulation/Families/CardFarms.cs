namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// Pools of cards reused across accounts, a handful of datacenter proxy ranges, signups in bursts of a few hours,
/// and uniform capability-probing traffic from the first day.
/// </summary>
public sealed class CardFarms() : CampaignFamily("card_farm")
{
    public override string Description => "15–45 accounts per card, 40–120 per proxy range, 2–5 signup bursts of 1–6 h, 600–1,200 requests a day, 0–5% chat";

    public override void Generate(World world, int count)
    {
        var cards = PoolPer(world, count, world.Between(15, 45), world.Card);
        var proxies = PoolPer(world, count, world.Between(40, 120), world.HostingPrefix);
        var bursts = world.Between(2, 5);
        var burstMinutes = world.Between(1, 6) * 60;
        var first = Within(world, 0.0, 0.2).Date;
        var gapDays = Math.Max(1, (int)(world.Options.Days * world.Between(0.02, 0.1)));
        var template = world.Template();
        var pace = CampaignPace.Draw(world, 600, 1_200, 0.0, 0.05);
        for (var i = 0; i < count; i++)
        {
            var ip = world.Host(world.Pick(proxies));
            var signup = first.AddDays(i * bursts / count * gapDays).AddMinutes(world.Between(0, burstMinutes));
            var account = Enlist(world, signup, ip, world.Device(), cards[i % cards.Length], maxPaymentMinutes: 10);
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, signup, pace, template);
        }
    }
}
