namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Many unrelated, light users on a cafe's few machines and one address.</summary>
public sealed class InternetCafes() : OrganicFamily("internet_cafe", (0.01, 0.03), minAccounts: 3)
{
    public override string Description => "15 to 40–120 people per cafe on 3–15 shared machines and one address; 10–40% pay, light use";

    public override void Generate(World world, int count)
    {
        var largest = world.Between(40, 120);
        var paying = world.Between(0.1, 0.4);
        var habits = OrganicHabits.Draw(world, 0.0, 0.1, minCasualPeak: 10, maxCasualPeak: 40);
        foreach (var size in Groups(count, () => world.Between(15, largest), 15))
        {
            var machines = world.Pool(world.Between(3, 15), world.Device);
            var ip = world.ResidentialIp();
            for (var m = 0; m < size; m++)
            {
                Person(world, habits, ip, world.Chance(paying) ? world.Card() : null, world.Pick(machines));
            }
        }
    }
}
