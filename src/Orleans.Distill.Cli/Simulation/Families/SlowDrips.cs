namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Signups spread steadily over weeks, traffic mixed with chat; cards and a template reused across the drip.</summary>
public sealed class SlowDrips() : CampaignFamily("slow_drip")
{
    public override string Description => "signups steady from day 0–15% to 4 days before the end, 6–14 accounts per card, one template, 250–550 requests a day, 25–45% chat";

    public override void Generate(World world, int count)
    {
        var cards = PoolPer(world, count, world.Between(6, 14), world.Card);
        var template = world.Template();
        var begin = Within(world, 0.0, 0.15);
        var hours = Math.Max(24, (world.End.AddDays(-4) - begin).TotalHours);
        var pace = CampaignPace.Draw(world, 250, 550, 0.25, 0.45);
        for (var i = 0; i < count; i++)
        {
            var ip = world.ResidentialIp();
            var signup = begin.AddHours(i * hours / count);
            var account = Enlist(world, signup, ip, world.Device(), cards[i % cards.Length], maxPaymentMinutes: 720);
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, signup, pace, template);
        }
    }
}
