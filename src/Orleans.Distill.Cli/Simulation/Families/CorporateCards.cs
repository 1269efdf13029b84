namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>A company that pays for everyone with one corporate card: many accounts on one card, legitimately.</summary>
public sealed class CorporateCards() : OrganicFamily("corporate_card", (0.03, 0.07), minAccounts: 5)
{
    public override string Description => "8 to 40–200 employees (log-uniform) on one corporate card and one office address";

    public override void Generate(World world, int count)
    {
        var largest = world.Between(40, 200);
        var history = world.Between(60, 300);
        var habits = OrganicHabits.Draw(world, 0.6, 1.0);
        foreach (var size in Groups(count, () => world.LogBetween(8, largest), 8))
        {
            var office = world.ResidentialIp();
            var card = world.Card();
            for (var m = 0; m < size; m++)
            {
                var signup = world.Start.AddDays(-world.Between(0, history)).AddHours(world.Between(8, 18));
                Person(world, habits, office, card, signup: signup);
            }
        }
    }
}
