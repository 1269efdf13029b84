namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// Rings too small to look like farms: three to six accounts sharing one device or one card, with uniform capability
/// traffic — the size of a household, the behaviour of a campaign.
/// </summary>
public sealed class SmallRings() : CampaignFamily("small_ring", minAccounts: 3)
{
    public override string Description => "rings of 3–6 accounts sharing one device (30–70% of rings) or else one card, signups over 2–24 h, 300–900 requests a day, 0–5% chat";

    public override void Generate(World world, int count)
    {
        var onDevice = world.Between(0.3, 0.7);
        foreach (var size in Groups(count, () => world.Between(3, 6), 3))
        {
            var device = world.Chance(onDevice) ? world.Device() : null;
            var card = device is null ? world.Card() : null;
            var begin = Within(world, 0.0, 0.6);
            var windowHours = world.Between(2, 24);
            var pace = CampaignPace.Draw(world, 300, 900, 0.0, 0.05);
            for (var m = 0; m < size; m++)
            {
                var ip = world.ResidentialIp();
                var signup = begin.AddHours(world.Between(0, windowHours));
                var ringDevice = device ?? world.Device();
                var account = Enlist(world, signup, ip, ringDevice, card ?? world.Card());
                world.Traffic.Pipeline(world.Sink, world.Random, account, () => ip, signup, pace, null, ringDevice);
            }
        }
    }
}
