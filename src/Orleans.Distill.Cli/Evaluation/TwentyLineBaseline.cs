using Orleans.Distill.Events;
using Orleans.Distill.Graph;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// The 20-line baseline: what anyone would write first. Ignore every identifier (IP range, card, device, template)
/// shared by more than N accounts over the whole stream, keep every other link however old (no window), and flag
/// every account in a connected component of at least K accounts. If Orleans.Distill cannot beat this with N and K
/// tuned, its hub rules, window and scoring are not earning their keep.
/// </summary>
public static class TwentyLineBaseline
{
    public static HashSet<string> Flag(IEnumerable<DistillEvent> events, int maxAccountsPerIdentifier, int minComponent) =>
        Flag(ComponentSizes(Links.Of(events), maxAccountsPerIdentifier), minComponent);

    public static HashSet<string> Flag(IReadOnlyDictionary<string, int> componentSizes, int minComponent) =>
        [.. componentSizes.Where(a => a.Value >= minComponent).Select(a => a.Key)];

    /// <summary>Every account, with the number of accounts in its component once the identifiers shared too widely are dropped.</summary>
    public static Dictionary<string, int> ComponentSizes(Links links, int maxAccountsPerIdentifier)
    {
        var sets = new UnionFind<string>();
        foreach (var account in links.Accounts)
        {
            sets.Add("a:" + account);
        }

        foreach (var (identifier, accounts) in links.AccountsByIdentifier.Where(i => i.Value.Count <= maxAccountsPerIdentifier))
        {
            foreach (var account in accounts)
            {
                sets.Union("a:" + account, "i:" + identifier);
            }
        }

        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var set in sets.Sets())
        {
            var accounts = set.Where(n => n.StartsWith("a:", StringComparison.Ordinal)).ToList();
            foreach (var account in accounts)
            {
                sizes[account[2..]] = accounts.Count;
            }
        }

        return sizes;
    }

    /// <summary>Each identifier with the distinct accounts linked to it, and every account seen: computed once for a grid.</summary>
    public sealed record Links(IReadOnlySet<string> Accounts, IReadOnlyDictionary<string, HashSet<string>> AccountsByIdentifier)
    {
        public static Links Of(IEnumerable<DistillEvent> events)
        {
            var accounts = new HashSet<string>(StringComparer.Ordinal);
            var byIdentifier = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var e in events)
            {
                accounts.Add(e.Account);
                foreach (var entity in e.LinkedEntities())
                {
                    if (!byIdentifier.TryGetValue(entity, out var linked))
                    {
                        byIdentifier[entity] = linked = new HashSet<string>(StringComparer.Ordinal);
                    }

                    linked.Add(e.Account);
                }
            }

            return new Links(accounts, byIdentifier);
        }
    }
}
