namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>A ring that hides its capability harvesting under a majority of chat, so its traffic reads as a person's.</summary>
public sealed class ChatCamouflage() : CampaignFamily("chat_camouflage")
{
    public override string Description => "50–70% chat, 10–25 accounts per card and per device, signups over 24–120 h from day 0–30%, 300–800 requests a day";

    public override void Generate(World world, int count)
    {
        var cards = PoolPer(world, count, world.Between(10, 25), world.Card);
        var devices = PoolPer(world, count, world.Between(10, 25), world.Device);
        var begin = Within(world, 0.0, 0.3);
        var windowHours = world.Between(24, 120);
        var pace = CampaignPace.Draw(world, 300, 800, 0.5, 0.7);
        for (var i = 0; i < count; i++)
        {
            var ip = world.ResidentialIp();
            var device = devices[i % devices.Length];
            var signup = begin.AddHours(world.Between(0, windowHours));
            var account = Enlist(world, signup, ip, device, cards[i % cards.Length]);
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, signup, pace, null, device);
        }
    }
}
