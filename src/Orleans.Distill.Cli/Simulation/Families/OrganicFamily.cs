namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>A kind of real users whose sharing must not be flagged.</summary>
public abstract class OrganicFamily(string name, (double Min, double Max) weight, int minAccounts = 2) : Family(name, fraud: false, weight, minAccounts)
{
    /// <summary>One person: signs up, perhaps pays, then uses the API unevenly on their own hours.</summary>
    /// <param name="usageIp">Where they use the API from, when not where they signed up.</param>
    protected string Person(
        World world, OrganicHabits habits, string ip, string? card, string? device = null, DateTime? signup = null, string? usageIp = null, bool? developer = null)
    {
        var account = world.NewAccount(Name, Fraud);
        var at = signup ?? world.OrganicSignup();
        world.Sink.Signup(account, at, ip, device ?? world.Device());
        if (card is not null)
        {
            world.Sink.Payment(account, at.AddMinutes(world.Between(5, 600)), card);
        }

        world.Traffic.Organic(
            world.Sink, world.Random, account, usageIp ?? ip, habits, developer ?? world.Chance(habits.DeveloperShare), world.PublicTemplateOrNone(habits.TemplateShare));
        return account;
    }
}
