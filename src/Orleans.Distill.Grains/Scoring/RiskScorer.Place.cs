using Orleans.Distill.Keys;

namespace Orleans.Distill.Scoring;

/// <summary>Where the accounts are: how many networks they come from, and whether they are a customer in a place of its own.</summary>
public sealed partial class RiskScorer
{
    /// <summary>
    /// IP ranges that glue the group per account. What holds a household, an office or a team together is mostly
    /// the network they share (under 0.5); accounts that share cards, devices or templates while each comes from
    /// a network of its own (1 and more) are what rotating residential proxies look like.
    /// </summary>
    public static double NetworkDispersion(GroupFeatures f) =>
        f.Accounts == 0 ? 0 : (double)f.Entities[GroupFeatures.KindIndex(EntityKind.IpRange)] / f.Accounts;
    /// <summary>Share of the accounts on the group's most shared IP range: 1 when they all use one network.</summary>
    public static double CoLocation(GroupFeatures f) =>
        f.Accounts == 0 ? 0 : (double)f.SharedMax[GroupFeatures.KindIndex(EntityKind.IpRange)] / f.Accounts;
    /// <summary>1 up to <see cref="ScoringOptions.CustomerGroupSize"/> accounts, else 0.</summary>
    public double CustomerSized(long accounts) => accounts <= options.CustomerGroupSize ? 1 : 0;
    /// <summary>
    /// <see cref="CustomerSized"/> for the group and the place it is in: a core whose range more accounts of its
    /// component use is not a customer in a place of its own, however few its own accounts.
    /// </summary>
    private double CustomerSizedPlace(GroupFeatures f) => CustomerSized(Math.Max(f.Accounts, f.PlaceAccounts));
}
