namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>A family sharing one laptop: one device and one home address, often one card.</summary>
public sealed class FamilyDevices() : OrganicFamily("family_device", (0.02, 0.05))
{
    public override string Description => "2–4 people on one shared device and home address; 30–80% of families also share one card";

    public override void Generate(World world, int count)
    {
        var sharedCard = world.Between(0.3, 0.8);
        var habits = OrganicHabits.Draw(world, 0.1, 0.35);
        foreach (var size in Groups(count, () => world.Between(2, 4), 2))
        {
            var device = world.Device();
            var ip = world.ResidentialIp();
            var card = world.Chance(sharedCard) ? world.Card() : null;
            for (var m = 0; m < size; m++)
            {
                Person(world, habits, ip, card ?? (world.Chance(0.5) ? world.Card() : null), device);
            }
        }
    }
}
