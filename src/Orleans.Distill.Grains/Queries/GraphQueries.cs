using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// Read side of the graph. Walks the forest from outside the grains, so a query never holds a
/// component grain while calling another and cannot take part in a call cycle.
/// </summary>
public sealed class GraphQueries(
    IGrainFactory grains, IOptions<GraphOptions> options, IOptions<DetectionOptions> detection, IOptions<ScoringOptions> scoring)
{
    private readonly ComponentForest _forest = new(grains, options.Value);
    private readonly ComponentReader _reader = new(grains);
    private readonly ComponentIndexClient _index = new(grains, options.Value);

    public async Task<AccountView?> GetAccountAsync(string account)
    {
        var snapshot = await grains.Reference<IAccountGrain>(account).Get();
        if (snapshot is null)
        {
            return null;
        }

        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var rootTask = _forest.ResolveAsync(snapshot.Component, NodeKey.Account(account));
        var verdictTask = _index.VerdictOfAsync(account);
        var infos = await Task.WhenAll(snapshot.Links.Select(l => grains.Reference<IEntityGrain>(l.Other).GetInfo(watermark)));
        var root = await rootTask;
        var component = await grains.Reference<IComponentGrain>(root).GetSummary();
        var remembered = Held(await verdictTask, watermark);

        var links = snapshot.Links.Zip(infos, (link, info) => new LinkView(link.Other, link.Link, info?.Hub ?? false, info?.Benign ?? false)).ToList();
        return new AccountView(snapshot, root, AccountAssessment.Of(snapshot, component, remembered, scoring.Value), links)
        {
            Remembered = remembered,
            Evidence = component.Assessment?.Of(NodeKey.Account(account)) ?? Assessment.Unscored,
        };
    }

    private RememberedVerdict? Held(RememberedVerdict? verdict, DateTime watermark) =>
        verdict is not null && verdict.HeldAt(watermark, detection.Value.RememberFor) ? verdict : null;

    /// <summary>An analyst clears an account's remembered verdict; false if none was held.</summary>
    public Task<bool> ForgetVerdictAsync(string account) => _index.ForgetAsync(account);

    private Assessment WithLabel(Assessment assessment, Verdict? label, string? source) =>
        AccountAssessment.WithLabel(assessment, label, source, scoring.Value);

    /// <summary>
    /// The component <paramref name="id"/> is part of now (it may have merged into another since it was named);
    /// a component that split answers with the components it split into.
    /// </summary>
    public async Task<ComponentView?> GetComponentAsync(string id)
    {
        if (!ComponentId.IsValid(id))
        {
            return null;
        }

        var named = await grains.Reference<IComponentGrain>(id).GetSummary();
        if (!named.Exists)
        {
            return null;
        }

        var root = await _forest.ResolveComponentAsync(id);
        if (root is null)
        {
            return new ComponentView(id, named.Aggregate, Assessment.Unscored, [], [], named.Actions) { SplitInto = await _forest.SplitIntoAsync(id) };
        }

        var node = await grains.Reference<IComponentGrain>(root).GetSummary();
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var (members, _) = await _reader.WalkAsync(root);
        var read = await _reader.ReadAsync(members, watermark);

        var accounts = members.Where(m => NodeKey.KindOf(m) == EntityKind.Account).Select(m => m["account:".Length..]).Order(StringComparer.Ordinal).ToList();
        var entities = members.Where(m => NodeKey.KindOf(m) != EntityKind.Account).Order(StringComparer.Ordinal).ToList();
        var memberSet = entities.ToHashSet();
        var hubs = read.Entities.Values
            .Where(e => !memberSet.Contains(e.Key) && (e.Hub || e.Benign))
            .Select(e => new EntityRef(e.Key, e.Hub, e.Benign))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        return new ComponentView(root, node.Aggregate, node.Assessment?.Assessment ?? Assessment.Unscored, accounts, entities, node.Actions)
        {
            LinkedHubs = hubs,
        };
    }

    /// <summary>The largest (or highest-scored) live components. Index entries are checked against the live roots.</summary>
    public async Task<IReadOnlyList<ComponentSummary>> TopAsync(int count, bool byScore)
    {
        var partitions = options.Value.IndexPartitions;
        var candidates = (await Task.WhenAll(Enumerable.Range(0, partitions)
                .Select(p => grains.Reference<IComponentIndexGrain>(p).Top(count * 2 + 8, byScore))))
            .SelectMany(x => x)
            .Where(s => s.Accounts >= 2)
            .OrderByDescending(s => byScore ? s.Assessment.Score : s.Accounts)
            .ThenByDescending(s => s.Accounts)
            .Take(count * 2 + 8)
            .ToList();

        var live = await Task.WhenAll(candidates.Select(c => grains.Reference<IComponentGrain>(c.Id).GetSummary()));
        var summaries = live
            .Where(n => n.Exists && n.IsRoot && n.Aggregate.Accounts >= 2)
            .Select(n => new ComponentSummary(n.Id, n.Aggregate.Accounts, n.Aggregate.Entities, n.Version)
            {
                Assessment = n.Assessment?.Assessment ?? Assessment.Unscored,
            })
            .DistinctBy(s => s.Id);
        return [.. (byScore ? summaries.OrderByDescending(s => s.Assessment.Score).ThenByDescending(s => s.Accounts) : summaries.OrderByDescending(s => s.Accounts).ThenByDescending(s => s.Entities))
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(count)];
    }

    /// <summary>Components and hubs changed and not yet rebuilt (re-scored, split): zero when detection has caught up.</summary>
    public async Task<int> RebuildBacklogAsync() =>
        (await Task.WhenAll(Enumerable.Range(0, options.Value.IndexPartitions).Select(p => grains.Reference<IComponentIndexGrain>(p).Backlog()))).Sum();

    /// <summary>
    /// Every account whose decision is review or deny, as <see cref="GetAccountAsync"/> decides it: the members of
    /// flagged components with their own decision in it, and accounts
    /// labelled fraud wherever they sit; an account labelled benign is not listed. Ordered by score.
    /// </summary>
    public async Task<IReadOnlyList<FlaggedAccount>> FlaggedAsync()
    {
        var partitions = options.Value.IndexPartitions;
        var flagged = (await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => grains.Reference<IComponentIndexGrain>(p).Flagged())))
            .SelectMany(x => x)
            .ToList();
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var byAccount = new Dictionary<string, FlaggedAccount>();

        void Add(string account, string component, Assessment assessment)
        {
            if (!byAccount.TryGetValue(account, out var known) || assessment.Score > known.Assessment.Score)
            {
                byAccount[account] = new FlaggedAccount(account, component, assessment);
            }
        }

        // A hub decides for none of its accounts: it is shared infrastructure (see AccountAssessment).
        foreach (var summary in flagged.Where(s => !s.IsHub))
        {
            var root = await _forest.ResolveComponentAsync(summary.Id);
            if (root != summary.Id)
            {
                continue;
            }

            var node = await grains.Reference<IComponentGrain>(root).GetSummary();
            if (node.Assessment is not { } assessed || assessed.Worst().Decision == Decision.Allow)
            {
                continue;
            }

            var (members, _) = await _reader.WalkAsync(root);
            foreach (var member in members)
            {
                if (NodeKey.KindOf(member) == EntityKind.Account && assessed.Of(member) is { Decision: not Decision.Allow } own)
                {
                    Add(member["account:".Length..], root, own);
                }
            }
        }

        await ApplyRememberedAsync(byAccount, watermark);
        await ApplyLabelsAsync(byAccount);
        return [.. byAccount.Values.OrderByDescending(f => f.Assessment.Score).ThenBy(f => f.Account, StringComparer.Ordinal)];
    }

    /// <summary>An account's own label outweighs its groups here as in <see cref="GetAccountAsync"/>.</summary>
    /// <summary>
    /// Accounts remembered for a verdict stay listed, marked inactive when no current group supports it; a
    /// remembered verdict worse than the current evidence stands, as in <see cref="GetAccountAsync"/>.
    /// </summary>
    private async Task ApplyRememberedAsync(Dictionary<string, FlaggedAccount> byAccount, DateTime watermark)
    {
        var unlisted = new Dictionary<string, RememberedVerdict>();
        foreach (var (account, verdict) in await _index.VerdictsAsync())
        {
            if (!verdict.HeldAt(watermark, detection.Value.RememberFor))
            {
                continue;
            }

            if (byAccount.TryGetValue(account, out var listed))
            {
                byAccount[account] = listed with { Assessment = AccountAssessment.WithRemembered(listed.Assessment, verdict), Since = verdict.FirstFlagged };
            }
            else
            {
                unlisted[account] = verdict;
            }
        }

        foreach (var (account, (root, current)) in await CurrentGroupsAsync(unlisted.Keys))
        {
            var verdict = unlisted[account];
            byAccount[account] = new FlaggedAccount(account, root, AccountAssessment.WithRemembered(current, verdict)) { Since = verdict.FirstFlagged, Active = false };
        }
    }

    /// <summary>An account's own label outweighs its groups here as in <see cref="GetAccountAsync"/>.</summary>
    private async Task ApplyLabelsAsync(Dictionary<string, FlaggedAccount> byAccount)
    {
        var unlisted = new List<string>();
        foreach (var label in await _index.LabelsAsync())
        {
            if (label.Verdict == Verdict.Benign)
            {
                byAccount.Remove(label.Account);
            }
            else if (byAccount.TryGetValue(label.Account, out var listed))
            {
                byAccount[label.Account] = listed with { Assessment = WithLabel(listed.Assessment, Verdict.Fraud, null) };
            }
            else
            {
                unlisted.Add(label.Account);
            }
        }

        // Labelled fraud in a group that is not flagged: denied all the same, scored from its component.
        foreach (var (account, (root, current)) in await CurrentGroupsAsync(unlisted))
        {
            byAccount[account] = new FlaggedAccount(account, root, WithLabel(current, Verdict.Fraud, null)) { Active = false };
        }
    }

    /// <summary>Each account's root now and that root's assessment, for accounts no flagged group listed.</summary>
    private async Task<Dictionary<string, (string Root, Assessment Assessment)>> CurrentGroupsAsync(IEnumerable<string> accounts)
    {
        var nodes = accounts.Select(NodeKey.Account).ToList();
        if (nodes.Count == 0)
        {
            return [];
        }

        var profiles = await _reader.ProfilesAsync(nodes);
        var roots = await _forest.ResolveAllAsync(profiles.ToDictionary(p => p.Key, p => p.Value.Component));
        var summaries = (await Task.WhenAll(roots.Values.Distinct().Select(r => grains.Reference<IComponentGrain>(r).GetSummary())))
            .ToDictionary(s => s.Id);
        return roots.ToDictionary(
            r => r.Key["account:".Length..],
            r => (r.Value, summaries[r.Value].Assessment?.Assessment ?? Assessment.Unscored));
    }
}

/// <summary>
/// A flagged account. <see cref="Since"/>: when detection first denied it (remembered verdicts only);
/// <see cref="Active"/>: whether a group it belongs to now still flags it.
/// </summary>
public sealed record FlaggedAccount(string Account, string Component, Assessment Assessment)
{
    public DateTime? Since { get; init; }

    public bool Active { get; init; } = true;
}
