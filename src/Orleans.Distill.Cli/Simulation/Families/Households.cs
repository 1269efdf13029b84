namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>A few people on one card and one home address, each with their own device.</summary>
public sealed class Households() : OrganicFamily("household", (0.1, 0.2))
{
    public override string Description => "2 to 3–6 people (the largest drawn) on one card and one home address";

    public override void Generate(World world, int count)
    {
        var largest = world.Between(3, 6);
        var habits = Habits(world);
        foreach (var size in Groups(count, () => world.Between(2, largest), 2))
        {
            Home(world, size, habits);
        }
    }

    public static OrganicHabits Habits(World world) => OrganicHabits.Draw(world, 0.15, 0.4);

    /// <summary>One household; its address joins <see cref="World.Homes"/>, where proxy rings find it.</summary>
    public void Home(World world, int size, OrganicHabits habits)
    {
        var card = world.Card();
        var ip = world.ResidentialIp();
        world.Homes.Add(ip);
        for (var m = 0; m < size; m++)
        {
            Person(world, habits, ip, card);
        }
    }
}
