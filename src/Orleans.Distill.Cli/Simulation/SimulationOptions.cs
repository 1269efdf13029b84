using Orleans.Distill.Cli.Simulation.Families;

namespace Orleans.Distill.Cli.Simulation;

/// <summary>What <c>simulate</c> generates: how many accounts, over which days, of which families, from which seed.</summary>
public sealed record SimulationOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>About how many accounts in all, organic and campaign.</summary>
    public int Accounts { get; init; } = 5_000;

    /// <summary>Share of the accounts run by campaigns.</summary>
    public double CampaignShare { get; init; } = 0.05;

    /// <summary>The first day of the simulated traffic; the 2026 campaign ran from April 22 for 44 days.</summary>
    public DateTime Start { get; init; } = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    public int Days { get; init; } = 44;

    /// <summary>
    /// The families to generate, by name (null: all of the <see cref="FamilyCatalogue"/>). The organic and campaign
    /// sides keep their shares: a side with no family named is left out.
    /// </summary>
    public IReadOnlyList<string>? Families { get; init; }

    public int CampaignAccounts => (int)(Accounts * CampaignShare);

    public int OrganicAccounts => Accounts - CampaignAccounts;

    /// <exception cref="ArgumentException">An option is out of range or names an unknown family; the message names the option.</exception>
    public void Validate()
    {
        if (Accounts < 500)
        {
            throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "--accounts: at least 500, so that every organic kind and campaign gets accounts");
        }

        if (CampaignShare is <= 0 or >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(CampaignShare), CampaignShare, "--campaign-share: between 0 and 0.5");
        }

        if (Days is < 7 or > 365)
        {
            throw new ArgumentOutOfRangeException(nameof(Days), Days, "--days: from 7 to 365");
        }

        var families = FamilyCatalogue.Select(Families);
        var campaigns = Allocation.Minimum(families.Where(f => f.Fraud));
        if (CampaignAccounts < campaigns)
        {
            throw new ArgumentOutOfRangeException(
                nameof(CampaignShare), CampaignShare, $"--campaign-share: {CampaignAccounts} campaign accounts are too few for the campaign families; they need {campaigns}");
        }
    }
}
