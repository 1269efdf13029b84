using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// What a reviewer looks up beside a component: its member accounts, each with its own decision, and the node that
/// holds an identifier someone pasted. Many accounts are read at once, not one request per account.
/// </summary>
public sealed class ReviewLookups(
    IGrainFactory grains, GraphQueries queries, IOptions<GraphOptions> options, IOptions<DetectionOptions> detection, IOptions<ScoringOptions> scoring)
{
    /// <summary>Accounts an entity match lists at most: a hub may have hundreds of thousands.</summary>
    public const int MaxListedAccounts = 200;

    private readonly ComponentForest _forest = new(grains, options.Value);
    private readonly ComponentIndexClient _index = new(grains, options.Value);
    private readonly HubRules _rules = new(detection.Value);

    /// <summary>
    /// The member accounts of component <paramref name="id"/> (or of the one it merged into), each assessed as
    /// <see cref="GraphQueries.GetAccountAsync"/> assesses it; null if unknown. A component that split answers
    /// with <see cref="ComponentMembers.SplitInto"/> only.
    /// </summary>
    public async Task<ComponentMembers?> MembersAsync(string id)
    {
        var view = await queries.GetComponentAsync(id);
        if (view is null)
        {
            return null;
        }

        if (view.SplitInto.Count > 0)
        {
            return new ComponentMembers(view.Id, []) { SplitInto = view.SplitInto };
        }

        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var node = await grains.Reference<IComponentGrain>(view.Id).GetSummary();
        var verdictsTask = _index.VerdictsAsync();
        var profilesTask = Task.WhenAll(view.Accounts.Select(a => grains.Reference<IAccountGrain>(a).GetProfile()));
        var snapshots = (await Task.WhenAll(view.Accounts.Select(a => grains.Reference<IAccountGrain>(a).Get()))).OfType<AccountSnapshot>().ToList();
        var activeDays = (await profilesTask).OfType<AccountProfile>().ToDictionary(
            p => p.Account,
            p => (IReadOnlyList<DateTime>)[.. p.ActiveHours.Select(h => h / 24).Distinct().Order().Select(d => new DateTime(d * TimeSpan.TicksPerDay, DateTimeKind.Utc))]);
        var verdicts = (await verdictsTask)
            .Where(v => v.Verdict.HeldAt(watermark, detection.Value.RememberFor))
            .ToDictionary(v => v.Account, v => v.Verdict);

        var members = snapshots.Select(s => new MemberAccount(
                s,
                AccountAssessment.Of(s, node, verdicts.GetValueOrDefault(s.Account), scoring.Value))
            {
                ActiveDays = activeDays.GetValueOrDefault(s.Account) ?? [],
            })
            .OrderByDescending(m => m.Assessment.Score)
            .ThenBy(m => m.Account.Account, StringComparer.Ordinal)
            .ToList();
        return new ComponentMembers(view.Id, members);
    }

    /// <summary>
    /// Every node that <paramref name="query"/> names, as an account id, an IP address or range (an address folds to
    /// its range), a card token, a device or a template; <paramref name="kind"/> narrows it to one kind. Each match
    /// names the live component holding it, or none for a hub or benign identifier, which glues nothing.
    /// </summary>
    public async Task<IReadOnlyList<SearchMatch>> SearchAsync(string query, EntityKind? kind, KeyOptions keys)
    {
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var lookups = new List<Task<SearchMatch?>>();
        if (kind is null or EntityKind.Account && Identifiers.IsValidAccount(query))
        {
            lookups.Add(AccountAsync(query));
        }

        foreach (var linked in EntityKinds.Linked.Where(k => kind is null || kind == k))
        {
            var value = query;
            if (linked == EntityKind.IpRange && !query.Contains('/') && !IpRangeKey.TryFold(query, keys.IPv4PrefixLength, keys.IPv6PrefixLength, out value, out _))
            {
                continue;
            }

            lookups.Add(EntityAsync(NodeKey.Entity(linked, value), watermark));
        }

        return [.. (await Task.WhenAll(lookups)).OfType<SearchMatch>()];
    }

    private async Task<SearchMatch?> AccountAsync(string account)
    {
        var snapshot = await grains.Reference<IAccountGrain>(account).Get();
        if (snapshot is null)
        {
            return null;
        }

        var root = await _forest.ResolveAsync(snapshot.Component, NodeKey.Account(account));
        return new SearchMatch(EntityKind.Account, account, root, Hub: false, Benign: false, Accounts: 1, [account]);
    }

    private async Task<SearchMatch?> EntityAsync(string key, DateTime watermark)
    {
        var entity = grains.Reference<IEntityGrain>(key);
        var snapshot = await entity.Get();
        if (snapshot is null || await entity.GetInfo(watermark) is not { } info)
        {
            return null;
        }

        NodeKey.TryParse(key, out var kind, out var value);
        var accounts = snapshot.Links.Where(l => _rules.Counts(key, l.Link, watermark)).Select(l => l.Other).Order(StringComparer.Ordinal).ToList();
        var component = info.Glues ? await _forest.ResolveAsync(info.Component, key) : null;
        var listed = accounts.Take(MaxListedAccounts).ToList();
        return new SearchMatch(kind, value, component, info.Hub, info.Benign, accounts.Count, listed)
        {
            // A hub joins no one: where its accounts sit is what there is to review about it.
            AccountComponents = info.Glues ? [] : await ComponentsOfAsync(listed),
        };
    }

    /// <summary>The live components of <paramref name="accounts"/>, with how many of them each holds, most first.</summary>
    private async Task<IReadOnlyList<ComponentShare>> ComponentsOfAsync(IReadOnlyList<string> accounts)
    {
        var snapshots = (await Task.WhenAll(accounts.Select(a => grains.Reference<IAccountGrain>(a).Get()))).OfType<AccountSnapshot>();
        var roots = await _forest.ResolveAllAsync(snapshots.ToDictionary(s => NodeKey.Account(s.Account), s => s.Component));
        return [.. roots.Values
            .GroupBy(r => r)
            .Select(g => new ComponentShare(g.Key, g.Count()))
            .OrderByDescending(c => c.Accounts)
            .ThenBy(c => c.Component, StringComparer.Ordinal)];
    }
}

/// <summary>The live component <see cref="Id"/> and its member accounts, worst first.</summary>
public sealed record ComponentMembers(string Id, IReadOnlyList<MemberAccount> Members)
{
    public IReadOnlyList<string> SplitInto { get; init; } = [];
}

public sealed record MemberAccount(AccountSnapshot Account, Assessment Assessment)
{
    /// <summary>Days (UTC midnight) on which the account sent traffic, within the window.</summary>
    public IReadOnlyList<DateTime> ActiveDays { get; init; } = [];
}

/// <summary>
/// A node a search found. <see cref="Component"/>: the live component holding it (null for a hub or benign
/// identifier); <see cref="Accounts"/>: accounts linked within the window, of which <see cref="Listed"/> names the
/// first <see cref="ReviewLookups.MaxListedAccounts"/>.
/// </summary>
public sealed record SearchMatch(EntityKind Kind, string Value, string? Component, bool Hub, bool Benign, int Accounts, IReadOnlyList<string> Listed)
{
    /// <summary>For a hub or benign identifier: the components its listed accounts belong to.</summary>
    public IReadOnlyList<ComponentShare> AccountComponents { get; init; } = [];
}

public sealed record ComponentShare(string Component, int Accounts);
