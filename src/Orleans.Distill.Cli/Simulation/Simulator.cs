using Orleans.Distill.Cli.Simulation.Families;

namespace Orleans.Distill.Cli.Simulation;

/// <summary>
/// Generates a scenario from the <see cref="FamilyCatalogue"/>: an organic population whose sharing must not be
/// flagged, and distillation campaigns, each family with sizes, rates and timings drawn for the seed. The organic
/// families are made first, so campaigns that hide among real users find them. Deterministic for a seed: the same
/// options give the same bytes.
/// </summary>
public sealed class Simulator(SimulationOptions options)
{
    public EventSink Run(IProgress<double>? progress = null)
    {
        options.Validate();
        var world = new World(options);
        var families = FamilyCatalogue.Select(options.Families);
        var organic = families.Where(f => !f.Fraud).ToList();
        var campaigns = families.Where(f => f.Fraud).ToList();
        var plan = organic.Zip(Allocation.Split(world, options.OrganicAccounts, organic))
            .Concat(campaigns.Zip(Allocation.Split(world, options.CampaignAccounts, campaigns)))
            .ToList();
        for (var i = 0; i < plan.Count; i++)
        {
            var (family, count) = plan[i];
            family.Generate(world, count);
            progress?.Report((i + 1.0) / plan.Count);
        }

        return world.Sink;
    }
}
