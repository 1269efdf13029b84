namespace Orleans.Distill.Cli.Simulation.Families;

/// <summary>Splits one side of the population (organic or campaign) among its families by weights drawn per seed.</summary>
public static class Allocation
{
    /// <summary>Accounts per family, adding up to <paramref name="total"/>; each gets at least its minimum.</summary>
    public static int[] Split(World world, int total, IReadOnlyList<Family> families)
    {
        if (families.Count == 0)
        {
            return [];
        }

        var weights = families.Select(f => world.Between(f.Weight.Min, f.Weight.Max)).ToArray();
        var sum = weights.Sum();
        var counts = families.Select((f, i) => Math.Max(f.MinAccounts, (int)(total * weights[i] / sum))).ToArray();

        // Rounding down and the minimums leave the sum off by a little: the largest families take up the difference.
        var largestFirst = Enumerable.Range(0, counts.Length).OrderByDescending(i => counts[i]).ToArray();
        var excess = counts.Sum() - total;
        for (var k = 0; excess != 0; k = (k + 1) % largestFirst.Length)
        {
            var i = largestFirst[k];
            if (excess < 0)
            {
                counts[i]++;
                excess++;
            }
            else if (counts[i] > families[i].MinAccounts)
            {
                counts[i]--;
                excess--;
            }
        }

        return counts;
    }

    /// <summary>The fewest accounts the families can be made of.</summary>
    public static int Minimum(IEnumerable<Family> families) => families.Sum(f => f.MinAccounts);
}
