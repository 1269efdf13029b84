namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>A ring routed through carrier NAT (a hub that glues no one): caught only through its cards and devices.</summary>
public sealed class CarrierNatRings() : CampaignFamily("cgnat_ring")
{
    public override string Description => "1–3 carrier NAT ranges, 15–35 accounts per card and per device, signups over 12–36 h, 600–1,000 requests a day";

    public override void Generate(World world, int count)
    {
        var cards = PoolPer(world, count, world.Between(15, 35), world.Card);
        var devices = PoolPer(world, count, world.Between(15, 35), world.Device);
        var nats = world.Pool(world.Between(1, 3), world.CarrierNatPrefix);
        var begin = Within(world, 0.1, 0.35);
        var windowHours = world.Between(12, 36);
        var pace = CampaignPace.Draw(world, 600, 1_000, 0.0, 0.05);
        for (var i = 0; i < count; i++)
        {
            var ip = world.Host(world.Pick(nats));
            var device = devices[i % devices.Length];
            var signup = begin.AddHours(world.Between(0, windowHours));
            var account = Enlist(world, signup, ip, device, cards[i % cards.Length]);
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, signup, pace, null, device);
        }
    }
}
