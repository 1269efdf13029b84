namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>
/// A kind of account group the scenario can hold: a campaign or an organic kind, written as the group of its
/// accounts in <c>labels.csv</c>. Stateless: everything about a family's accounts is drawn in <see cref="Generate"/>,
/// so each seed gives other sizes, rates and timings.
/// </summary>
/// <param name="name">The group written to <c>labels.csv</c>.</param>
/// <param name="fraud">Whether its accounts are a campaign's.</param>
/// <param name="weight">Its share of its side of the population (organic or campaign) is drawn from this range, then normalised.</param>
/// <param name="minAccounts">The fewest accounts it can be made of.</param>
public abstract class Family(string name, bool fraud, (double Min, double Max) weight, int minAccounts = 2)
{
    public string Name => name;

    public bool Fraud => fraud;

    public (double Min, double Max) Weight => weight;

    public int MinAccounts => minAccounts;

    /// <summary>One line for the catalogue: what the family is, and what is drawn per seed.</summary>
    public abstract string Description { get; }

    /// <summary>Makes <paramref name="count"/> accounts of this family, with their events.</summary>
    public abstract void Generate(World world, int count);

    /// <summary>
    /// Splits <paramref name="count"/> into groups of drawn sizes, none smaller than <paramref name="smallest"/> unless
    /// the count itself is: the last groups give and take so that no remainder is left alone.
    /// </summary>
    protected static IEnumerable<int> Groups(int count, Func<int> size, int smallest)
    {
        for (var left = count; left > 0;)
        {
            var next = Math.Max(smallest, size());
            if (next >= left)
            {
                next = left;
            }
            else if (left - next < smallest)
            {
                next = left - smallest >= smallest ? left - smallest : left;
            }

            left -= next;
            yield return next;
        }
    }
}
