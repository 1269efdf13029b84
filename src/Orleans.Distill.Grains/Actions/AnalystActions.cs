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
    public async Task<AnalystAction?> LabelAccountAsync(string account, Verdict verdict, string who, string why)
    {
        var snapshot = await grains.GetGrain<IAccountGrain>(account).Get();
        if (snapshot is null)
        {
            return null;
        }

        var action = New(AnalystAction.LabelAccount, account, verdict, who, why);
        await LabelAsync([account], action);
        var root = await _forest.ResolveAsync(snapshot.Component, NodeKey.Account(account));
        action = action with { Component = root, Accounts = 1 };
        await grains.GetGrain<IAccountGrain>(account).Record(action);
        await RecordOnComponentAsync(root, action);
        return action;
    }

    /// <summary>
    /// Labels every account of a component (or of what it merged into); null if unknown.
    /// Throws <see cref="ComponentSplitException"/> if it has split.
    /// </summary>
    public async Task<AnalystAction?> LabelComponentAsync(string component, Verdict verdict, string who, string why)
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

        var action = New(AnalystAction.LabelComponent, component, verdict, who, why) with { Component = view.Id, Accounts = view.Accounts.Count };
        await LabelAsync(view.Accounts, action);
        await RecordOnComponentAsync(view.Id, action);
        return action;
    }

    /// <summary>Marks an entity benign: it stops gluing, and its component is rebuilt (split) in the background.</summary>
    public async Task<AnalystAction?> MarkEntityBenignAsync(string entityKey, string who, string why)
    {
        var entity = grains.GetGrain<IEntityGrain>(entityKey);
        var snapshot = await entity.Get();
        if (snapshot is null)
        {
            return null;
        }

        var watermark = await grains.GetGrain<IWatermarkGrain>(0).Get();
        var root = await _forest.ResolveAsync(snapshot.Component, entityKey);
        var action = New(AnalystAction.MarkEntityBenign, entityKey, null, who, why) with { Component = root };
        await entity.MarkBenign(action, watermark);
        await RecordOnComponentAsync(root, action);
        return action;
    }

    private async Task LabelAsync(IReadOnlyList<string> accounts, AnalystAction action)
    {
        var watermark = await grains.GetGrain<IWatermarkGrain>(0).Get();
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

    /// <summary>Keeps the action at the component's root and queues the component to be rebuilt (re-scored or split).</summary>
    private async Task RecordOnComponentAsync(string root, AnalystAction action)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _forest.RecordAsync(root, [action]);
                break;
            }
            catch (ComponentRetiredException) when (attempt < 3)
            {
                // It split meanwhile: the action belongs to whichever piece holds its target now.
                root = action.Kind == AnalystAction.LabelAccount
                    ? (await queries.GetAccountAsync(action.Target))!.Component
                    : root;
            }
        }

        var node = await grains.GetGrain<IComponentGrain>(root).GetSummary();
        await _index.TouchAsync([new IndexTouch(root, false, node.Aggregate.Accounts, node.Aggregate.Entities, node.Version)], []);
    }

    private AnalystAction New(string kind, string target, Verdict? verdict, string who, string why) => new()
    {
        Id = Guid.NewGuid().ToString("n"),
        Kind = kind,
        Target = target,
        Verdict = verdict,
        Who = who,
        Why = why,
        At = clock.GetUtcNow().UtcDateTime,
    };
}
