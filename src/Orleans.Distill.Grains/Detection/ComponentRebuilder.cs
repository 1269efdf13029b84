using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;
using Orleans.Distill.Telemetry;

namespace Orleans.Distill.Detection;

/// <summary>
/// Rebuilds one component or hub from its members: recomputes what the gluing links connect, scores it, and
/// splits it when it no longer hangs together. Runs outside the grains (like <see cref="ComponentForest"/>), so
/// it can hold a component frozen while it reads the members without any grain waiting on another.
/// </summary>
public sealed partial class ComponentRebuilder(
    IGrainFactory grains,
    IOptions<GraphOptions> graph,
    IOptions<DetectionOptions> detection,
    IOptions<ScoringOptions> scoring,
    TimeProvider clock,
    ILogger<ComponentRebuilder> logger)
{
    private readonly ComponentForest _forest = new(grains, graph.Value);
    private readonly HubRules _rules = new(detection.Value);
    private readonly RiskScorer _scorer = new(scoring.Value);
    private readonly ComponentReader _reader = new(grains);
    private readonly ComponentIndexClient _index = new(grains, graph.Value);

    /// <summary>Index outcomes for the ticket's entry and for any pieces or merged roots the rebuild made.</summary>
    public async Task<RebuildResult> RebuildAsync(RebuildTicket ticket)
    {
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        return ticket.IsHub
            ? await RebuildHubAsync(ticket, watermark)
            : await RebuildComponentAsync(ticket, watermark);
    }

    private async Task<RebuildResult> RebuildComponentAsync(RebuildTicket ticket, DateTime watermark)
    {
        var root = grains.Reference<IComponentGrain>(ticket.Id);
        var node = await root.GetSummary();
        if (node.Exists && node.Frozen && node.SplitInto.Count > 0)
        {
            // A split was planned and cut short (the silo stopped): finish the same plan.
            var plan = (await root.GetNode()).PlannedSplit;
            return await SplitAsync(ticket, plan, await _reader.ReadAsync(plan.SelectMany(p => p.Members).ToList(), watermark), watermark);
        }

        if (!node.Exists || !node.IsRoot)
        {
            return RebuildResult.Remove(ticket);
        }

        var read = await _reader.ReadTreeAsync(ticket.Id, watermark);
        var partition = ComponentPartition.Compute(read.Members, read.Profiles, read.Entities, _rules, _scorer, watermark);
        if (partition.Pieces.Count > 1)
        {
            if (!await root.Freeze())
            {
                return RebuildResult.Remove(ticket);
            }

            // Frozen, the tree cannot change: read it again, so the split covers every member.
            read = await _reader.ReadTreeAsync(ticket.Id, watermark);
            partition = ComponentPartition.Compute(read.Members, read.Profiles, read.Entities, _rules, _scorer, watermark);
            if (partition.Pieces.Count == 1)
            {
                await root.Thaw();
            }
            else
            {
                // Two rebuilds of one root (a lease that ran out) agree on the first plan recorded.
                var plan = await root.PlanSplit([.. partition.Pieces.Select(p => new SplitPiece(ComponentId.NewRandom(), p.Members))]);
                return await SplitAsync(ticket, plan, read, watermark);
            }
        }

        if (node.Frozen)
        {
            // Frozen by a rebuild that stopped (its silo died) before it planned a split this one finds unneeded.
            await root.Thaw();
        }

        var piece = partition.Pieces[0];
        var assessment = Assess(piece, read.Version);
        if (!await root.SetAssessment(assessment))
        {
            return RebuildResult.Remove(ticket);
        }

        await RememberAsync(ticket.Id, piece.Cores, assessment, watermark);

        var rebuilt = new RebuildResult([new(ticket.Id, ticket.Sequence, Summary(ticket.Id, piece.Members, assessment))], []);
        return rebuilt.With(await MergeOuterAsync(partition.OuterLinks, read, [Touch(ticket.Id, piece.Members, read.Version) with { Repair = true }]));
    }

    /// <summary>
    /// Carries out a planned split: founds every piece, repoints every member, then retires the old root (which
    /// goes on answering old pointers from its plan). Every step is idempotent, so a cut-short split is finished
    /// by running it again.
    /// </summary>
    private async Task<RebuildResult> SplitAsync(
        RebuildTicket ticket, IReadOnlyList<SplitPiece> plan, TreeRead read, DateTime watermark)
    {
        var outcomes = new List<RebuildOutcome> { new(ticket.Id, ticket.Sequence, null) };
        var touches = new List<IndexTouch>();

        // Read once frozen: an action recorded just before the freeze goes with the pieces too.
        var actions = (await grains.Reference<IComponentGrain>(ticket.Id).GetSummary()).Actions;
        var pieceOf = new Dictionary<string, string>();
        var foundings = new List<(string Id, Founding Founding, List<ComponentPartition.Core> Cores)>(plan.Count);
        foreach (var piece in plan)
        {
            // A resumed plan can be out of date, so a piece is scored as whatever its members connect into now.
            var computed = ComponentPartition.Compute(piece.Members, Subset(read.Profiles, piece.Members), read.Entities, _rules, _scorer, watermark);
            var features = new GroupFeatures();
            foreach (var part in computed.Pieces)
            {
                features.Merge(part.Features);
            }

            var expires = computed.Pieces.Select(p => p.ExpiresAt).Where(e => e is not null).Min();
            var scored = _scorer.Score(features);
            var assessment = new ComponentAssessment
            {
                Assessment = scored,
                Features = features,
                ExpiresAt = expires,
                Version = 1,
                Accounts = CoreDecisions.Of(computed.Pieces.SelectMany(p => p.Cores), scored, _scorer),
            };
            foundings.Add((piece.Id, new Founding(piece.Members, assessment, actions, ticket.Id), [.. computed.Pieces.SelectMany(p => p.Cores)]));
            foreach (var member in piece.Members)
            {
                pieceOf[member] = piece.Id;
            }

            outcomes.Add(new RebuildOutcome(piece.Id, 0, Summary(piece.Id, piece.Members, assessment)));
            touches.Add(Touch(piece.Id, piece.Members, 1));
        }

        await Parallel.ForEachAsync(foundings, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (f, _) => await grains.Reference<IComponentGrain>(f.Id).Found(f.Founding));
        foreach (var (id, founding, cores) in foundings)
        {
            await RememberAsync(id, cores, founding.Assessment, watermark);
        }

        // Every piece is queued for a rebuild of its own before anything else can fail: that rebuild re-scores it
        // with whatever arrived meanwhile, and makes any merge its links to entities outside call for.
        await _index.TouchAsync(touches, []);

        await ForEachAsync(pieceOf, (member, piece) => NodeKey.KindOf(member) == EntityKind.Account
            ? grains.Reference<IAccountGrain>(member["account:".Length..]).Repoint(piece, null)
            : grains.Reference<IEntityGrain>(member).Repoint(piece, null));
        await grains.Reference<IComponentGrain>(ticket.Id).CompleteSplit();
        LogSplit(logger, ticket.Id, plan.Count, pieceOf.Count);
        DistillTelemetry.ComponentsSplit.Add(1);

        // Lone pieces are not indexed, so make their outside merges now; the others' rebuilds would too. The split
        // is done whatever happens here: merges that fail are queued as repairs of the pieces they start from.
        var outer = ComponentPartition.Compute(pieceOf.Keys.ToList(), read.Profiles, read.Entities, _rules, _scorer, watermark).OuterLinks;
        var starts = outer.Select(l => pieceOf[l.Account]).ToHashSet();
        var retry = touches.Where(t => starts.Contains(t.Id)).Select(t => t with { Repair = true }).ToList();
        try
        {
            return new RebuildResult(outcomes, []).With(await MergeOuterAsync(outer, read with { Pointers = pieceOf }, retry));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMergeDeferred(logger, e, ticket.Id);
            return new RebuildResult(outcomes, retry);
        }
    }

    /// <summary>
    /// Makes the merges the links to entities outside the component call for (an entity that stopped being a hub,
    /// a batch cut short), and reports the merged roots as changed.
    /// </summary>
    /// <remarks>
    /// If a component on the way splits meanwhile, <paramref name="retry"/> (the components the links start from)
    /// is marked for repair: their next rebuild finds the same links and merges them then.
    /// </remarks>
    private async Task<RebuildResult> MergeOuterAsync(IReadOnlyList<(string Account, string Entity)> links, TreeRead read, IReadOnlyList<IndexTouch> retry)
    {
        if (links.Count == 0)
        {
            return RebuildResult.None;
        }

        var pointers = new Dictionary<string, string>();
        foreach (var (account, entity) in links)
        {
            pointers[account] = read.Pointers.TryGetValue(account, out var p) ? p : read.Profiles[account].Component;
            pointers[entity] = read.Entities[entity].Component;
        }

        try
        {
            var union = await _forest.UnionAsync(pointers, links.Select(l => (l.Account, l.Entity)));
            LogMergedOuter(logger, links.Count, union.Absorbed.Count);
            DistillTelemetry.ComponentsMerged.Add(union.Absorbed.Count);
            return RebuildResult.Merged(union);
        }
        catch (ComponentRetiredException)
        {
            return new RebuildResult([], retry);
        }
    }

    private async Task<RebuildResult> RebuildHubAsync(RebuildTicket ticket, DateTime watermark)
    {
        var entity = grains.Reference<IEntityGrain>(ticket.Id);
        var info = await entity.Refresh(watermark);
        if (info is null)
        {
            return RebuildResult.Remove(ticket);
        }

        var snapshot = await entity.Get();
        var links = snapshot!.Links.Where(l => _rules.Counts(ticket.Id, l.Link, watermark)).ToDictionary(l => NodeKey.Account(l.Other), l => l.Link);
        var accounts = await _reader.ProfilesAsync(links.Keys);
        if (info.Hub)
        {
            var features = ComponentPartition.HubFeatures(ticket.Id, accounts.Values, _rules.Options);
            var assessment = _scorer.Score(features);
            var judgement = HubOwnership.Judge(ticket.Id, accounts.Values, features, _rules, _scorer);
            if (!judgement.Owned)
            {
                await entity.SetAssessment(assessment);
                // Shared infrastructure, not one operator's: its score is for analysts, and decides for no account.
                return new RebuildResult(
                    [new(ticket.Id, ticket.Sequence, new ComponentSummary(ticket.Id, accounts.Count, 0, watermark.Ticks) { IsHub = true, Assessment = assessment, ExpiresAt = NextJudgement(ticket.Id, info, watermark) })],
                    []);
            }

            await entity.Own(judgement);
            LogOwned(logger, ticket.Id, judgement.Accounts, judgement.CoSharing, judgement.Behaviour);
            DistillTelemetry.HubsOwned.Add(1);
        }

        // No longer a hub (the window moved on, or its accounts are one operator's): its links that are evidence
        // glue again.
        var pointers = new Dictionary<string, string> { [ticket.Id] = info.Component };
        var gluing = accounts.Where(a => _rules.IsEvidence(ticket.Id, links[a.Key], a.Value.LastSeen, watermark)).ToList();
        foreach (var (node, profile) in gluing)
        {
            pointers[node] = profile.Component;
        }

        var union = await _forest.UnionAsync(pointers, gluing.Select(a => (a.Key, ticket.Id)));
        LogHubEnded(logger, ticket.Id, gluing.Count);
        return RebuildResult.Remove(ticket).With(RebuildResult.Merged(union));
    }

    /// <summary>When the hub is rebuilt again without a change: when it stops being one, or is to be judged again.</summary>
    private DateTime? NextJudgement(string hub, EntityInfo info, DateTime watermark)
    {
        var every = detection.Value.OperatorRejudgeEvery;
        if (every <= TimeSpan.Zero || detection.Value.OperatorBehaviour <= 0 || _rules.IsAllowlisted(hub) || DateTime.MaxValue - watermark <= every)
        {
            return info.HubUntil;
        }

        var rejudge = watermark + every;
        return info.HubUntil is { } until && until < rejudge ? until : rejudge;
    }

    /// <summary>
    /// Keeps a flagged group's verdicts beyond its evidence: on each account, as its own decision stands, and on the
    /// cards and devices of its denied cores, which are no one's shared infrastructure since they glue.
    /// </summary>
    private async Task RememberAsync(string group, IEnumerable<ComponentPartition.Core> cores, ComponentAssessment assessed, DateTime watermark)
    {
        var options = detection.Value;
        if (options.RememberFor == TimeSpan.Zero || assessed.Worst().Decision < options.RememberAt)
        {
            return;
        }

        var verdicts = new List<AccountVerdict>();
        var burned = new List<(string Key, RememberedVerdict Verdict)>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var core in cores.Where(c => c.Accounts.Count > 0))
        {
            var assessment = assessed.Of(core.Accounts[0]);
            if (assessment.Decision < options.RememberAt)
            {
                continue;
            }

            var verdict = new RememberedVerdict(assessment.Decision, assessment.Score, now, watermark, group, [.. assessment.Reasons.Take(3)]);
            verdicts.AddRange(core.Accounts.Select(a => new AccountVerdict(a["account:".Length..], verdict)));
            if (assessment.Decision == Decision.Deny)
            {
                burned.AddRange(core.Entities.Where(e => NodeKey.KindOf(e).IsPossession()).Select(e => (e, verdict)));
            }
        }

        await _index.RememberAsync(verdicts);
        await Parallel.ForEachAsync(burned, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (b, _) => await grains.Reference<IEntityGrain>(b.Key).Burn(b.Verdict));
    }

    private ComponentAssessment Assess(ComponentPartition.Piece piece, long version)
    {
        var assessment = _scorer.Score(piece.Features);
        return new()
        {
            Assessment = assessment,
            Features = piece.Features,
            ExpiresAt = piece.ExpiresAt,
            Version = version,
            Accounts = CoreDecisions.Of(piece.Cores, assessment, _scorer),
        };
    }

    private static IndexTouch Touch(string id, IReadOnlyCollection<string> members, long version)
    {
        var (accounts, entities) = Count(members);
        return new IndexTouch(id, false, accounts, entities, version);
    }

    private static ComponentSummary Summary(string id, IReadOnlyCollection<string> members, ComponentAssessment assessment)
    {
        var (accounts, entities) = Count(members);
        return new ComponentSummary(id, accounts, entities, assessment.Version)
        {
            Assessment = assessment.Worst(),
            ExpiresAt = assessment.ExpiresAt,
        };
    }

    private static (long Accounts, long Entities) Count(IReadOnlyCollection<string> members)
    {
        var accounts = members.Count(m => NodeKey.KindOf(m) == EntityKind.Account);
        return (accounts, members.Count - accounts);
    }

    /// <summary>Only the piece's own profiles: the partition treats every profile it is given as a member.</summary>
    private static Dictionary<string, T> Subset<T>(IReadOnlyDictionary<string, T> all, IEnumerable<string> keys)
    {
        var subset = new Dictionary<string, T>();
        foreach (var key in keys)
        {
            if (all.TryGetValue(key, out var value))
            {
                subset[key] = value;
            }
        }

        return subset;
    }

    private static Task ForEachAsync(IReadOnlyDictionary<string, string> items, Func<string, string, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (kv, _) => await action(kv.Key, kv.Value));

    [LoggerMessage(Level = LogLevel.Information, Message = "Component {Component} split into {Pieces} components ({Members} members)")]
    private static partial void LogSplit(ILogger logger, string component, int pieces, int members);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rebuild merged across {Links} links outside the component; {Absorbed} roots absorbed")]
    private static partial void LogMergedOuter(ILogger logger, int links, int absorbed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Component {Component} split, but merges of its pieces with components outside failed; they are retried as repairs")]
    private static partial void LogMergeDeferred(ILogger logger, Exception exception, string component);

    [LoggerMessage(Level = LogLevel.Information, Message = "Entity {Entity} links {Accounts} accounts that look like one operator (co-sharing {CoSharing}, behaviour {Behaviour}): it glues, as a ring's own identifier")]
    private static partial void LogOwned(ILogger logger, string entity, int accounts, double coSharing, double behaviour);

    [LoggerMessage(Level = LogLevel.Information, Message = "Entity {Entity} is no longer a hub; its {Accounts} accounts in the window glue again")]
    private static partial void LogHubEnded(ILogger logger, string entity, int accounts);
}
