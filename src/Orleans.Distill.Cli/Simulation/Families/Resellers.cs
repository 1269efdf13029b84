namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// A reseller buying keys for clients: several accounts signed up from the reseller's address and paid with the
/// reseller's card, used by clients who have nothing in common.
/// </summary>
public sealed class Resellers() : OrganicFamily("reseller", (0.005, 0.015), minAccounts: 4)
{
    public override string Description => "4 to 8–20 client accounts per reseller on one card, signed up from one address over 30–180 days, used from the clients' own";

    public override void Generate(World world, int count)
    {
        var largest = world.Between(8, 20);
        var history = world.Between(30, 180);
        var ownMachine = world.Between(0.3, 0.8);
        foreach (var size in Groups(count, () => world.Between(4, largest), 4))
        {
            var card = world.Card();
            var office = world.ResidentialIp();
            var machine = world.Device();
            for (var m = 0; m < size; m++)
            {
                // Each client is a different kind of user: their habits are their own.
                var habits = OrganicHabits.Draw(world, 0.0, 1.0);
                var signup = world.Start.AddDays(-world.Between(0, history)).AddHours(world.Between(9, 18));
                Person(world, habits, office, card, world.Chance(ownMachine) ? machine : null, signup, usageIp: world.ResidentialIp());
            }
        }
    }
}
