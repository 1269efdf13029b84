namespace Orleans.Distill.Cli.Simulation.Families;

public sealed class Singles() : OrganicFamily("single", (0.35, 0.5))
{
    public override string Description => "people alone on a home address; 55–85% pay, 25–55% are developers";

    public override void Generate(World world, int count)
    {
        var paying = world.Between(0.55, 0.85);
        var habits = OrganicHabits.Draw(world, 0.25, 0.55);
        for (var i = 0; i < count; i++)
        {
            Person(world, habits, world.ResidentialIp(), world.Chance(paying) ? world.Card() : null);
        }
    }
}
