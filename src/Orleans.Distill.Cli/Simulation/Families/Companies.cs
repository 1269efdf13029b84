namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Developers behind one office address, signing up over months, each paying with their own card.</summary>
public sealed class Companies() : OrganicFamily("company", (0.12, 0.22), minAccounts: 5)
{
    public override string Description => "5 to 100–400 developers (log-uniform) behind one office address, signups over the last 90–300 days";

    public override void Generate(World world, int count)
    {
        var largest = world.Between(100, 400);
        var history = world.Between(90, 300);
        var habits = OrganicHabits.Draw(world, 0.75, 1.0);
        foreach (var size in Groups(count, () => world.LogBetween(5, largest), 5))
        {
            var office = world.ResidentialIp();
            for (var m = 0; m < size; m++)
            {
                var signup = world.Start.AddDays(-world.Between(0, history)).AddHours(world.Between(8, 18));
                Person(world, habits, office, world.Card(), signup: signup);
            }
        }
    }
}
