using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Events;
using Orleans.Distill.Grains;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;

namespace Orleans.Distill.Actions;

/// <summary>
/// What analysts do to the graph. Labels go in as contract <c>label</c> events through the ingest pipeline (so
/// they are durable, idempotent and score like any other label); every action is also kept, with who, when
/// and why, on what it touched and on its component.
/// </summary>
public sealed class AnalystActions(IGrainFactory grains, IngestPipeline pipeline, GraphQueries queries, IOptions<GraphOptions> graph, TimeProvider clock)
{
    private const int LabelBatch = 5_000;

    private readonly ComponentForest _forest = new(grains, graph.Value);
    private readonly ComponentIndexClient _index = new(grains, graph.Value);

    /// <summary>Labels one account; null if the account is not known.</summary>
    public async Task<AnalystAction?> LabelAccountAsync(string account, Verdict verdict, Actor actor, string why)
    {
        var snapshot = await grains.Reference<IAccountGrain>(account).Get();
        if (snapshot is null)
        {
            return null;
        }

        var action = New(AnalystAction.LabelAccount, account, verdict, actor, why) with { Accounts = 1 };
        await LabelAsync([account], action);
        action = action with { Component = await RecordOnComponentAsync(action, () => ComponentOfAsync(NodeKey.Account(account))) };
        await grains.Reference<IAccountGrain>(account).Record(action);
        return action;
    }

    /// <summary>
    /// Labels every account of a component (or of what it merged into); null if unknown.
    /// Throws <see cref="ComponentSplitException"/> if it has split.
    /// </summary>
    public async Task<AnalystAction?> LabelComponentAsync(string component, Verdict verdict, Actor actor, string why)
    {
        var view = await queries.GetComponentAsync(component);
        if (view is null)
        {
            return null;
        }

        if (view.SplitInto.Count > 0)
        {
            throw new ComponentSplitException(component, view.SplitInto);
        }

        var action = New(AnalystAction.LabelComponent, component, verdict, actor, why) with { Component = view.Id, Accounts = view.Accounts.Count };
        await LabelAsync(view.Accounts, action);
        await RecordOnComponentAsync(action, async () =>
            await _forest.ResolveComponentAsync(view.Id) ?? throw new ComponentSplitException(view.Id, await _forest.SplitIntoAsync(view.Id)));
        return action;
    }

    /// <summary>
    /// Clears an account: the verdict it is remembered for is dropped, so it answers for its current evidence
    /// only. Null if the account is not known.
    /// </summary>
    public async Task<AnalystAction?> ClearAccountAsync(string account, Actor actor, string why)
    {
        var snapshot = await grains.Reference<IAccountGrain>(account).Get();
        if (snapshot is null)
        {
            return null;
        }

        var action = New(AnalystAction.ClearAccount, account, null, actor, why) with { Accounts = 1 };
        await queries.ForgetVerdictAsync(account);
        action = action with { Component = await ComponentOfAsync(NodeKey.Account(account)) };
        await grains.Reference<IAccountGrain>(account).Record(action);
        return action;
    }

    /// <summary>
    /// Marks an entity benign: it stops gluing, and its component is rebuilt (split) in the background. An entity
    /// linked to more than <paramref name="approvalAbove"/> accounts is marked only when a second analyst asks too:
    /// a ring must not whitelist its own card with one key. Null if the entity is not known.
    /// </summary>
    public async Task<(AnalystAction Action, BenignRequest Outcome)?> MarkEntityBenignAsync(string entityKey, Actor actor, string why, int approvalAbove)
    {
        var entity = grains.Reference<IEntityGrain>(entityKey);
        var snapshot = await entity.Get();
        if (snapshot is null)
        {
            return null;
        }

        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        // Benign first, so the rebuild the record queues already sees the entity no longer glue.
        var action = New(AnalystAction.MarkEntityBenign, entityKey, null, actor, why) with { Component = await ComponentOfAsync(entityKey) };
        var outcome = new BenignRequest(BenignStatus.Applied, null);
        if (snapshot.Links.Count > approvalAbove)
        {
            outcome = await entity.RequestBenign(action, watermark);
            if (outcome.Status is BenignStatus.PendingApproval or BenignStatus.AwaitingAnotherAnalyst)
            {
                return (action, outcome);
            }
        }
        else
        {
            await entity.MarkBenign(action, watermark);
        }

        return (action with { Component = await RecordOnComponentAsync(action, () => ComponentOfAsync(entityKey)) }, outcome);
    }

    private async Task LabelAsync(IReadOnlyList<string> accounts, AnalystAction action)
    {
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var at = watermark == DateTime.MinValue ? action.At : watermark;
        foreach (var chunk in accounts.Chunk(LabelBatch))
        {
            await pipeline.IngestAsync([.. chunk.Select(account =>
            {
                var e = new DistillEvent { Type = EventType.Label, Account = account, At = at, Verdict = action.Verdict, Source = action.Who, Note = action.Why };
                return e with { Dedupe = EventParser.DedupeKey(e, $"{action.Id}:{account}") };
            })]);
        }
    }

    /// <summary>
    /// Keeps the action at the root of the component <paramref name="locate"/> finds the target in, and queues that
    /// component to be rebuilt (re-scored or split). If the component splits meanwhile, the target is located
    /// again: the action belongs to whichever piece holds it now.
    /// </summary>
    private async Task<string> RecordOnComponentAsync(AnalystAction action, Func<Task<string>> locate)
    {
        for (var attempt = 1; ; attempt++)
        {
            var root = await locate();
            try
            {
                await _forest.RecordAsync(root, [action with { Component = root }]);
                var node = await grains.Reference<IComponentGrain>(root).GetSummary();
                await _index.TouchAsync([new IndexTouch(root, false, node.Aggregate.Accounts, node.Aggregate.Entities, node.Version)], []);
                return root;
            }
            catch (ComponentRetiredException) when (attempt < 4)
            {
            }
        }
    }

    /// <summary>
    /// Erases an account's personal fields; its links, usage, labels and verdicts stay as pseudonymous evidence.
    /// Null if the account is not known.
    /// </summary>
    public async Task<(AnalystAction Action, AccountErasure Erasure)?> EraseAccountAsync(string account, Actor actor, string why)
    {
        var action = New(AnalystAction.EraseAccount, account, null, actor, why) with { Accounts = 1 };
        if (await grains.Reference<IAccountGrain>(account).Erase(action) is not { } erasure)
        {
            return null;
        }

        return (action with { Component = await _forest.ResolveAsync(erasure.Component, NodeKey.Account(account)) }, erasure);
    }

    private async Task<string> ComponentOfAsync(string node)
    {
        var pointer = NodeKey.KindOf(node) == EntityKind.Account
            ? (await grains.Reference<IAccountGrain>(node["account:".Length..]).Get())!.Component
            : (await grains.Reference<IEntityGrain>(node).Get())!.Component;
        return await _forest.ResolveAsync(pointer, node);
    }

    private AnalystAction New(string kind, string target, Verdict? verdict, Actor actor, string why) => new()
    {
        Id = Guid.NewGuid().ToString("n"),
        Kind = kind,
        Target = target,
        Verdict = verdict,
        Who = actor.Who,
        OnBehalfOf = actor.OnBehalfOf,
        Why = why,
        At = clock.GetUtcNow().UtcDateTime,
    };
}
