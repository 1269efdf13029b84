namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Signups spread evenly over the whole scenario, so no burst and no short span gives the ring away.</summary>
public sealed class SpreadSignups() : CampaignFamily("spread_signup")
{
    public override string Description => "signups evenly over every day of the scenario, 8–20 accounts per card, one template, 400–900 requests a day, 5–20% chat";

    public override void Generate(World world, int count)
    {
        var cards = PoolPer(world, count, world.Between(8, 20), world.Card);
        var template = world.Template();
        var pace = CampaignPace.Draw(world, 400, 900, 0.05, 0.2);
        var hours = world.Options.Days * 24.0;
        for (var i = 0; i < count; i++)
        {
            var ip = world.ResidentialIp();
            var signup = world.Start.AddHours((i + world.Random.NextDouble()) * hours / count);
            var account = Enlist(world, signup, ip, world.Device(), cards[i % cards.Length], maxPaymentMinutes: 720);
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, signup, pace, template);
        }
    }
}
