namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Single accounts with very high coding volume: heavy, but alone.</summary>
public sealed class PowerUsers() : OrganicFamily("power_user", (0.01, 0.03))
{
    public override string Description => "alone, coding 600–1,500 up to 3,000–8,000 requests a day, 10–35% of days off";

    public override void Generate(World world, int count)
    {
        var low = world.Between(600, 1_500);
        var high = world.Between(3_000, 8_000);
        var off = world.Between(0.1, 0.35);
        for (var i = 0; i < count; i++)
        {
            var account = world.NewAccount(Name, Fraud);
            var ip = world.ResidentialIp();
            var signup = world.Start.AddDays(-world.Between(30, 400));
            world.Sink.Signup(account, signup, ip, world.Device());
            world.Sink.Payment(account, signup.AddHours(1), world.Card());
            world.Traffic.PowerUser(world.Sink, world.Random, account, ip, low, high, off);
        }
    }
}
