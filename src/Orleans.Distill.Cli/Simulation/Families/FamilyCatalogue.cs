namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Every family a scenario can hold, organic first: the ones a scenario is made of can be named, so others can be held out.</summary>
public static class FamilyCatalogue
{
    public static IReadOnlyList<Family> All { get; } =
    [
        new Singles(), new Households(), new Companies(), new CorporateCards(), new Campus(), new CarrierNat(), new Vpn(),
        new PowerUsers(), new FamilyDevices(), new Coworking(), new InternetCafes(), new Resellers(), new TeamSharedKeys(),
        new CardFarms(), new ResidentialProxies(), new SlowDrips(), new CarrierNatRings(), new HouseholdProxies(),
        new AgedAccounts(), new SpreadSignups(), new ChatCamouflage(), new MixedInfrastructure(), new SmallRings(),
    ];

    /// <summary>The named families in catalogue order; all of them for null.</summary>
    /// <exception cref="ArgumentException">A name is not a family's; the message names it and lists the known ones.</exception>
    public static IReadOnlyList<Family> Select(IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return All;
        }

        var unknown = names.Where(n => All.All(f => f.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"--families: unknown {string.Join(", ", unknown.Select(n => $"'{n}'"))}; known: {string.Join(", ", All.Select(f => f.Name))}");
        }

        if (names.Count == 0)
        {
            throw new ArgumentException("--families: name at least one family");
        }

        return [.. All.Where(f => names.Contains(f.Name))];
    }
}
