namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// One team's automated pipeline split over a few accounts on one card and one office address: uniform,
/// capability-heavy and in lockstep like a campaign, yet organic.
/// </summary>
public sealed class TeamSharedKeys() : OrganicFamily("team_shared_key", (0.003, 0.01))
{
    public override string Description => "2–5 accounts per team on one card and office address, signed up together 30–300 days ago, running one pipeline of 200–2,000 requests a day in office hours";

    public override void Generate(World world, int count)
    {
        var withTemplate = world.Between(0.3, 0.8);
        foreach (var size in Groups(count, () => world.Between(2, 5), 2))
        {
            var card = world.Card();
            var office = world.ResidentialIp();
            var pace = CampaignPace.Draw(world, 200, 2_000, 0.0, 0.15, firstHour: 9, lastHour: 17);
            var template = world.Chance(withTemplate) ? world.Template() : null;
            var created = world.Start.AddDays(-world.Between(30, 300)).AddHours(world.Between(9, 17));
            for (var m = 0; m < size; m++)
            {
                var account = world.NewAccount(Name, Fraud);
                var signup = created.AddMinutes(world.Between(0, 120));
                world.Sink.Signup(account, signup, office, world.Device());
                world.Sink.Payment(account, signup.AddMinutes(world.Between(1, 30)), card);
                world.Traffic.Pipeline(world.Sink, world.Random, account, () => office, signup, pace, template);
            }
        }
    }
}
