namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// A ring that mixes every kind of cover — datacenter proxies, residential addresses, carrier NAT — and several card
/// pools, so no single kind of link holds it together; devices are reused across it.
/// </summary>
public sealed class MixedInfrastructure() : CampaignFamily("mixed_infra")
{
    public override string Description => "each account on a datacenter proxy (1–4 ranges), a residential address or carrier NAT (1–2 ranges) by drawn weights, 2–5 card pools of 5–25 accounts per card, 4–15 per device, 400–1,000 requests a day, 0–20% chat";

    public override void Generate(World world, int count)
    {
        var proxies = world.Pool(world.Between(1, 4), world.HostingPrefix);
        var nats = world.Pool(world.Between(1, 2), world.CarrierNatPrefix);
        Func<string>[] sources = [() => world.Host(world.Pick(proxies)), world.ResidentialIp, () => world.Host(world.Pick(nats))];
        var weights = sources.Select(_ => world.Between(0.2, 1.0)).ToArray();
        var poolCount = world.Between(2, 5);
        var pools = Enumerable.Range(0, poolCount).Select(_ => PoolPer(world, Math.Max(1, count / poolCount), world.Between(5, 25), world.Card)).ToArray();
        var devices = PoolPer(world, count, world.Between(4, 15), world.Device);
        var begin = Within(world, 0.0, 0.3);
        var windowHours = world.Between(24, 168);
        var pace = CampaignPace.Draw(world, 400, 1_000, 0.0, 0.2);
        for (var i = 0; i < count; i++)
        {
            var ip = Weighted(world, sources, weights)();
            var pool = pools[i % pools.Length];
            var device = devices[i % devices.Length];
            var signup = begin.AddHours(world.Between(0, windowHours));
            var account = Enlist(world, signup, ip, device, pool[i / pools.Length % pool.Length]);
            world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, signup, pace, null, device);
        }
    }

    private static T Weighted<T>(World world, T[] items, double[] weights)
    {
        var draw = world.Random.NextDouble() * weights.Sum();
        for (var i = 0; i < items.Length - 1; i++)
        {
            draw -= weights[i];
            if (draw < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }
}
