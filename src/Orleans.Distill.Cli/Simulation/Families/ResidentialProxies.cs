namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Unique cards and rotating residential addresses, but a few shared device fingerprints and prompt templates.</summary>
public sealed class ResidentialProxies() : CampaignFamily("residential_proxy")
{
    public override string Description => "unique cards, 10–30 accounts per device, 25–60 per template, signups over 24–96 h, 0–40% of days on a new address, 500–900 requests a day";

    public override void Generate(World world, int count)
    {
        var devices = PoolPer(world, count, world.Between(10, 30), world.Device);
        var templates = PoolPer(world, count, world.Between(25, 60), world.Template);
        var begin = Within(world, 0.05, 0.3);
        var windowHours = world.Between(24, 96);
        var rotate = world.Between(0.0, 0.4);
        var pace = CampaignPace.Draw(world, 500, 900, 0.02, 0.1);
        for (var i = 0; i < count; i++)
        {
            var device = devices[i % devices.Length];
            var signup = begin.AddHours(world.Between(0, windowHours));
            var account = Enlist(world, signup, world.ResidentialIp(), device, world.Card());
            var ip = world.ResidentialIp();
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => world.Chance(rotate) ? world.ResidentialIp() : ip, signup, pace, templates[i % templates.Length], device);
        }
    }
}
