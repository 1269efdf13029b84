using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Detection;

/// <summary>
/// What a component's members connect into through the links that glue now (in the window, to entities that
/// are neither hubs nor benign), with each piece's features. Pure: a rebuild feeds it what it read from the
/// grains; the tests feed it by hand.
/// </summary>
public static class ComponentPartition
{
    /// <param name="members">The component's node keys.</param>
    /// <param name="profiles">Every member account's profile, by account node key.</param>
    /// <param name="entities">Every entity a member account links to, and every member entity, by key.</param>
    public static PartitionResult Compute(
        IReadOnlyCollection<string> members,
        IReadOnlyDictionary<string, AccountProfile> profiles,
        IReadOnlyDictionary<string, EntityInfo> entities,
        HubRules rules,
        RiskScorer scorer,
        DateTime watermark)
    {
        var memberSet = members as IReadOnlySet<string> ?? members.ToHashSet();
        var sets = new UnionFind<string>();
        var outer = new List<(string Account, string Entity)>();
        var gluing = new List<(string Account, string Entity, LinkRecord Link)>();
        foreach (var member in members)
        {
            sets.Add(member);
        }

        foreach (var (accountNode, profile) in profiles)
        {
            foreach (var link in profile.Links)
            {
                if (!entities.TryGetValue(link.Other, out var entity) || !entity.Glues || !rules.IsEvidence(link.Other, link.Link, profile.LastSeen, watermark))
                {
                    continue;
                }

                if (memberSet.Contains(link.Other))
                {
                    sets.Union(accountNode, link.Other);
                    gluing.Add((accountNode, link.Other, link.Link));
                }
                else
                {
                    outer.Add((accountNode, link.Other));
                }
            }
        }

        var pieceOf = new Dictionary<string, Piece>();
        var pieces = new List<Piece>();
        foreach (var set in sets.Sets())
        {
            var piece = new Piece([.. set.Order(StringComparer.Ordinal)]);
            pieces.Add(piece);
            foreach (var node in set)
            {
                pieceOf[node] = piece;
            }
        }

        var accountsPerEntity = new Dictionary<string, int>();
        foreach (var (account, entity, link) in gluing)
        {
            accountsPerEntity[entity] = accountsPerEntity.GetValueOrDefault(entity) + 1;
            var piece = pieceOf[account];
            if (rules.ExpiresAt(entity, link, profiles[account].LastSeen) is { } expires && (piece.ExpiresAt is null || expires < piece.ExpiresAt))
            {
                piece.ExpiresAt = expires;
            }
        }

        var lateJoiners = LateJoiners(gluing, profiles, accountsPerEntity, rules.Options.WakeDays);
        foreach (var piece in pieces)
        {
            foreach (var node in piece.Members)
            {
                if (profiles.TryGetValue(node, out var profile))
                {
                    piece.Features.AddAccount(profile, LinksHub(profile, entities), JoinedDay(lateJoiners, node));
                }
                else if (accountsPerEntity.TryGetValue(node, out var accounts))
                {
                    piece.Features.AddEntity(NodeKey.KindOf(node), node, accounts);
                }
            }
        }

        AddCores(pieces, gluing, profiles, entities, accountsPerEntity, lateJoiners, rules.Options, scorer);
        return new PartitionResult(pieces, outer);
    }

    /// <summary>
    /// The accounts that joined what they share after they signed up, and the day they did: older than every card and
    /// device they share with another account here, and silent until then (or until
    /// <see cref="DetectionOptions.WakeDays"/> before), they joined on the day they first used one of them. Accounts
    /// bought aged and woken together have signups months apart and cards attached within hours: they sign up as
    /// strangers and join as a ring. The device each signed up on, its own, says nothing of when it joined. Every other
    /// account joined on its signup day, and is left out: developers already at work when their company moves them all
    /// onto a new card on one day are a company changing cards (<see cref="JoinedLater"/>).
    /// </summary>
    private static Dictionary<string, int> LateJoiners(
        IEnumerable<(string Account, string Entity, LinkRecord Link)> gluing,
        IReadOnlyDictionary<string, AccountProfile> profiles,
        IReadOnlyDictionary<string, int> accountsPerEntity,
        int wakeDays)
    {
        var firstUse = new Dictionary<string, int>();
        foreach (var (account, entity, link) in gluing)
        {
            if (NodeKey.KindOf(entity).IsPossession() && accountsPerEntity.GetValueOrDefault(entity) > 1)
            {
                var day = AccountProfile.DayOf(link.FirstSeen);
                firstUse[account] = firstUse.TryGetValue(account, out var earlier) ? Math.Min(earlier, day) : day;
            }
        }

        // Removing the entry being enumerated leaves a Dictionary's enumerator valid (.NET Core 3.0 and later).
        foreach (var (account, day) in firstUse)
        {
            if (JoinedLater(profiles[account], day, wakeDays) is null)
            {
                firstUse.Remove(account);
            }
        }

        return firstUse;
    }

    /// <summary>The day <paramref name="account"/> joined, from <see cref="LateJoiners"/>; null for its signup day.</summary>
    private static int? JoinedDay(IReadOnlyDictionary<string, int> lateJoiners, string account) =>
        lateJoiners.TryGetValue(account, out var day) ? day : null;

    /// <summary>
    /// <paramref name="firstUse"/> when the account first used what it shares after the day it signed up, and sent no
    /// traffic before the <paramref name="wakeDays"/> before that day (<see cref="DetectionOptions.WakeDays"/>); else
    /// null. Bought accounts are dormant until their ring wakes them with its cards; a customer's account that took a
    /// new card while at work joined as what it already was. An account stored before first traffic was kept reads as
    /// silent until its next traffic records it.
    /// </summary>
    private static int? JoinedLater(AccountProfile profile, int? firstUse, int wakeDays) =>
        firstUse > profile.SignupDay && (profile.FirstActiveDay is not { } active || active >= firstUse - wakeDays) ? firstUse : null;

    /// <summary>
    /// Splits each piece into cores: what its accounts hold in common. Cards and devices are possessions and tie
    /// accounts strongly. Ranges are places that strangers share (a residential /24); they tie only accounts that
    /// hold no card or device here, unless the range is a pipeline's place and they run at its rate
    /// (<see cref="PipelinePlaces"/>). A template ties strongly when it is a ring's script (<see cref="IsScript"/>).
    /// A prompt copied from a public library is used by strangers on cards of their own, on their own schedules,
    /// and ties only as a range does. A household that shares a residential range with a ring's proxies is a core
    /// of its own, on its family card or alone, however strongly the ring's accounts are tied to each other; so is
    /// each user of a popular template that has not yet passed its hub threshold; a ring on rotating proxies that
    /// holds no card or device stays one core. Each core's features are those of its accounts and of the
    /// identifiers they share within it.
    /// </summary>
    private static void AddCores(
        List<Piece> pieces,
        List<(string Account, string Entity, LinkRecord Link)> gluing,
        IReadOnlyDictionary<string, AccountProfile> profiles,
        IReadOnlyDictionary<string, EntityInfo> entities,
        IReadOnlyDictionary<string, int> accountsPerEntity,
        IReadOnlyDictionary<string, int> lateJoiners,
        DetectionOptions options,
        RiskScorer scorer)
    {
        var scripts = gluing.Where(g => NodeKey.KindOf(g.Entity) == EntityKind.Template)
            .GroupBy(g => g.Entity)
            .Where(users => IsScript(users.Key, [.. users.Select(u => profiles[u.Account]).Distinct()], options, scorer))
            .Select(users => users.Key)
            .ToHashSet();
        var strong = gluing.Where(g => NodeKey.KindOf(g.Entity).IsPossession()).Select(g => g.Account).ToHashSet();
        var places = PipelinePlaces.Of(gluing, profiles, strong, options, scorer);
        bool Ties(string account, string entity) =>
            NodeKey.KindOf(entity).IsPossession()
            || scripts.Contains(entity)
            || (places.TryGetValue(entity, out var rate) && PipelinePlaces.RunsAt(profiles[account], rate, options));

        var ties = new UnionFind<string>();
        foreach (var account in profiles.Keys)
        {
            ties.Add(account);
        }

        foreach (var (account, entity, _) in gluing)
        {
            if (Ties(account, entity) || !strong.Contains(account))
            {
                ties.Union(account, entity);
            }
        }

        var coreOf = new Dictionary<string, Core>();
        foreach (var set in ties.Sets())
        {
            var core = new Core();
            foreach (var node in set)
            {
                coreOf[node] = core;
                if (!profiles.ContainsKey(node))
                {
                    core.Entities.Add(node);
                }
            }
        }

        foreach (var piece in pieces)
        {
            foreach (var account in piece.Members.Where(profiles.ContainsKey))
            {
                var core = coreOf[account];
                if (core.Accounts.Count == 0)
                {
                    piece.Cores.Add(core);
                }

                core.Accounts.Add(account);
                core.Features.AddAccount(profiles[account], LinksHub(profiles[account], entities), JoinedDay(lateJoiners, account));
            }
        }

        // Within a core, an identifier counts the core's accounts that link it, ranges included.
        foreach (var group in gluing.GroupBy(g => (Core: coreOf[g.Account], g.Entity)))
        {
            group.Key.Core.Features.AddEntity(NodeKey.KindOf(group.Key.Entity), group.Key.Entity, group.Count());
        }

        // A core's place is shared with the rest of the component: two card groups of a farm in one range are
        // not each a customer in a place of its own.
        foreach (var core in coreOf.Values.Distinct())
        {
            if (core.Features.SharedTop[GroupFeatures.KindIndex(EntityKind.IpRange)] is { } place)
            {
                core.Features.PlaceAccounts = accountsPerEntity[place];
            }
        }
    }

    /// <summary>
    /// Whether a template's users run it as one operator's script: most of them (at least
    /// <see cref="DetectionOptions.OperatorCoSharing"/>) share a card or a device with another of its users, or,
    /// from <see cref="ScoringOptions.FullGroupSize"/> users, they behave as one (signups, evenness, capability
    /// share and lockstep reaching <see cref="DetectionOptions.OperatorBehaviour"/> of what those features can add):
    /// a drip of accounts each on a card of its own, running one pipeline at one hour every day. Strangers who
    /// copied a public prompt neither share cards nor keep each other's hours.
    /// </summary>
    public static bool IsScript(string template, IReadOnlyCollection<AccountProfile> users, DetectionOptions options, RiskScorer scorer)
    {
        if (HubOwnership.CoSharing(template, users) >= options.OperatorCoSharing)
        {
            return true;
        }

        return BehavesAsOne(users, options, scorer);
    }

    /// <summary>
    /// Whether accounts, from <see cref="ScoringOptions.FullGroupSize"/> of them that send traffic, behave as one:
    /// signups, evenness, capability share, lockstep and daily presence reaching
    /// <see cref="DetectionOptions.OperatorBehaviour"/> of what those features can add
    /// (<see cref="HubOwnership.BehaviourShare"/>), as an owned hub's accounts do. An account that has sent nothing
    /// shows no behaviour to share: on a person's home line where a neighbour only signed up, a ring's proxy passing
    /// through once and the person's first day make two accounts with traffic, whose evenness is the proxy's own days.
    /// </summary>
    public static bool BehavesAsOne(IReadOnlyCollection<AccountProfile> users, DetectionOptions options, RiskScorer scorer)
    {
        if (options.OperatorBehaviour <= 0 || users.Count(u => u.SentTraffic) < scorer.Options.FullGroupSize)
        {
            return false;
        }

        var features = new GroupFeatures();
        foreach (var user in users)
        {
            features.AddAccount(user, linksHub: false);
        }

        return HubOwnership.BehaviourShare(features, scorer) >= options.OperatorBehaviour;
    }

    private static bool LinksHub(AccountProfile profile, IReadOnlyDictionary<string, EntityInfo> entities) =>
        profile.Links.Any(l => entities.TryGetValue(l.Other, out var e) && e.Hub);

    /// <summary>Accounts tied by the cards, devices and scripts they share (by ranges and other templates when they hold no card or device), with their features.</summary>
    public sealed class Core
    {
        public List<string> Accounts { get; } = [];

        /// <summary>The identifiers that tie it (its ranges only when its accounts share nothing else).</summary>
        public List<string> Entities { get; } = [];

        public GroupFeatures Features { get; } = new();
    }

    /// <summary>The features of a hub's accounts (those linked within the window), the hub itself counted as shared.</summary>
    public static GroupFeatures HubFeatures(string hubKey, IReadOnlyCollection<AccountProfile> accounts, DetectionOptions options)
    {
        var features = new GroupFeatures();
        var possession = NodeKey.KindOf(hubKey).IsPossession();
        foreach (var profile in accounts)
        {
            // As in a component: accounts older than the card or device, and silent until then, join its group when they first use it.
            var firstUse = possession ? profile.Links.Where(l => l.Other == hubKey).Min(l => (int?)AccountProfile.DayOf(l.Link.FirstSeen)) : null;
            features.AddAccount(profile, linksHub: true, JoinedLater(profile, firstUse, options.WakeDays));
        }

        features.Share(GroupFeatures.KindIndex(NodeKey.KindOf(hubKey)), accounts.Count, hubKey);
        return features;
    }

    public sealed class Piece(IReadOnlyList<string> members)
    {
        public IReadOnlyList<string> Members { get; } = members;
        public GroupFeatures Features { get; } = new();

        /// <summary>When the first of the piece's gluing links leaves the window.</summary>
        public DateTime? ExpiresAt { get; set; }

        /// <summary>The piece's accounts by the cards, devices and scripts that tie them (see <see cref="AddCores"/>).</summary>
        public List<Core> Cores { get; } = [];
    }
}

/// <summary>
/// The pieces, and the links that glue to an entity outside the members: merges the forest has not made yet
/// (an entity that stopped being a hub, a batch cut short), which the rebuild makes.
/// </summary>
public sealed record PartitionResult(IReadOnlyList<ComponentPartition.Piece> Pieces, IReadOnlyList<(string Account, string Entity)> OuterLinks);
