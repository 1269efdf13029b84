namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Unrelated people behind a few shared address ranges, each on their own device and card.</summary>
/// <param name="perRange">People per range, drawn per seed from this range.</param>
/// <param name="developers">Share of developers, drawn per seed from this range.</param>
public abstract class SharedRanges(string name, (double Min, double Max) weight, (int Min, int Max) perRange, (double Min, double Max) developers)
    : OrganicFamily(name, weight)
{
    public override string Description =>
        $"{perRange.Min:N0}–{perRange.Max:N0} unrelated people per {Where}; 30–60% pay, {developers.Min * 100:0}–{developers.Max * 100:0}% developers";

    protected abstract string Where { get; }

    protected abstract string Prefix(World world);

    public override void Generate(World world, int count)
    {
        var ranges = world.Pool(count / world.Between(perRange.Min, perRange.Max), () => Prefix(world));
        var paying = world.Between(0.3, 0.6);
        var habits = OrganicHabits.Draw(world, developers.Min, developers.Max);
        for (var i = 0; i < count; i++)
        {
            Person(world, habits, world.Host(world.Pick(ranges)), world.Chance(paying) ? world.Card() : null);
        }
    }
}

public sealed class Campus() : SharedRanges("campus", (0.05, 0.1), (800, 2_500), (0.3, 0.5))
{
    protected override string Where => "campus range";

    protected override string Prefix(World world) => $"130.{world.Random.Next(256)}.{world.Random.Next(256)}";
}

/// <summary>Mobile users behind carrier-grade NAT (100.64.0.0/10).</summary>
public sealed class CarrierNat() : SharedRanges("cgnat", (0.05, 0.09), (1_000, 3_000), (0.0, 0.05))
{
    protected override string Where => "carrier NAT range in 100.64.0.0/10";

    protected override string Prefix(World world) => world.CarrierNatPrefix();
}

/// <summary>Users of commercial VPNs, whose exits sit with the same hosting providers as campaigns' proxies.</summary>
public sealed class Vpn() : SharedRanges("vpn", (0.02, 0.04), (100, 400), (0.3, 0.5))
{
    protected override string Where => "VPN exit range";

    protected override string Prefix(World world) => world.HostingPrefix();
}

/// <summary>A co-working space: unrelated people on one range, each with their own device and card.</summary>
public sealed class Coworking() : SharedRanges("coworking", (0.02, 0.05), (20, 200), (0.4, 0.7))
{
    protected override string Where => "co-working space's range";

    protected override string Prefix(World world) => world.ResidentialPrefix();
}
