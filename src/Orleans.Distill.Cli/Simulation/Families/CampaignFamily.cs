namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>A kind of distillation campaign: accounts run by one operator to harvest a model's capabilities.</summary>
public abstract class CampaignFamily(string name, int minAccounts = 2) : Family(name, fraud: true, (0.5, 1.5), minAccounts)
{
    /// <summary>One account of the ring: signs up, then pays with the ring's card within minutes.</summary>
    protected string Enlist(World world, DateTime signup, string ip, string? device, string? card, int maxPaymentMinutes = 30)
    {
        var account = world.NewAccount(Name, Fraud);
        world.Sink.Signup(account, signup, ip, device);
        if (card is not null)
        {
            world.Sink.Payment(account, signup.AddMinutes(world.Between(1, maxPaymentMinutes)), card);
        }

        return account;
    }

    /// <summary>A moment between two shares of the scenario's length, so that a short scenario keeps its campaigns.</summary>
    protected static DateTime Within(World world, double from, double to) =>
        world.Start.AddHours(world.Options.Days * 24 * world.Between(from, to));

    /// <summary>A pool with one item per <paramref name="per"/> accounts.</summary>
    protected static string[] PoolPer(World world, int count, int per, Func<string> make) => world.Pool((count + per - 1) / per, make);
}
