using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// Why accounts are together, for fraud analysts: the chain of gluing links between two accounts of a component,
/// the component's whole graph for their own tools, and the features its groups are scored on. Reads from outside
/// the grains, like <see cref="GraphQueries"/>.
/// </summary>
public sealed class EvidenceQueries(
    IGrainFactory grains, IOptions<GraphOptions> graph, IOptions<DetectionOptions> detection, IOptions<ScoringOptions> scoring)
{
    private readonly ComponentForest _forest = new(grains, graph.Value);
    private readonly ComponentReader _reader = new(grains);
    private readonly HubRules _rules = new(detection.Value);
    private readonly RiskScorer _scorer = new(scoring.Value);

    /// <summary>The shortest chain of gluing links from account <paramref name="from"/> to <paramref name="to"/> in component <paramref name="id"/>.</summary>
    public async Task<Evidence<EvidencePath>> PathAsync(string id, string from, string to)
    {
        var component = await ReadAsync(id);
        if (component.Value is not { } read)
        {
            return component.As<EvidencePath>();
        }

        var graph = ComponentGraph.Build(read.Tree, _rules, read.Watermark);

        foreach (var account in new[] { from, to })
        {
            if (!graph.Graph.ContainsVertex(NodeKey.Account(account)))
            {
                return await grains.Reference<IAccountGrain>(account).Get() is null
                    ? Evidence<EvidencePath>.Failed(EvidenceStatus.AccountUnknown, $"account '{account}' is not known")
                    : Evidence<EvidencePath>.Failed(EvidenceStatus.NotInComponent, $"account '{account}' is not in component {read.Root}");
            }
        }

        var steps = graph.ShortestPath(NodeKey.Account(from), NodeKey.Account(to));
        if (steps is null)
        {
            // Both are members, but the links that joined them have since left the window or met a hub: the
            // component is due to split.
            return Evidence<EvidencePath>.Failed(EvidenceStatus.NoPath,
                $"no chain of gluing links joins '{from}' and '{to}' in component {read.Root} any more");
        }

        return Evidence<EvidencePath>.Found(new EvidencePath(read.Root, ResolvedFrom(id, read.Root), from, to, steps));
    }

    /// <summary>Component <paramref name="id"/>'s graph, as GraphML or Graphviz DOT.</summary>
    public async Task<Evidence<GraphExport>> ExportAsync(string id, GraphFormat format)
    {
        var component = await ReadAsync(id);
        if (component.Value is not { } read)
        {
            return component.As<GraphExport>();
        }

        var graph = ComponentGraph.Build(read.Tree, _rules, read.Watermark);
        var document = format == GraphFormat.Dot ? graph.ToDot(read.Root) : graph.ToGraphML(read.Root);
        return Evidence<GraphExport>.Found(new GraphExport(read.Root, ResolvedFrom(id, read.Root), format, document));
    }

    /// <summary>
    /// Component <paramref name="id"/> measured now as a rebuild would measure it: its pieces (one, unless it is due
    /// to split) and each piece's cores, every group with its accounts, its features and its hand-built assessment.
    /// What an analyst reads when an account's decision differs from its component's, and what a learned scorer is
    /// trained on.
    /// </summary>
    public async Task<Evidence<ComponentMeasurement>> MeasureAsync(string id)
    {
        var component = await ReadAsync(id);
        if (component.Value is not { } read)
        {
            return component.As<ComponentMeasurement>();
        }

        var tree = read.Tree;
        var partition = ComponentPartition.Compute(tree.Members, tree.Profiles, tree.Entities, _rules, _scorer, read.Watermark);
        var pieces = partition.Pieces
            .Select(p => new MeasuredPiece(
                Measured(p.Members.Where(m => NodeKey.KindOf(m) == EntityKind.Account), p.Features),
                [.. p.Cores.Select(c => Measured(c.Accounts, c.Features))]))
            .ToList();
        return Evidence<ComponentMeasurement>.Found(new ComponentMeasurement(read.Root, ResolvedFrom(id, read.Root), read.Watermark, pieces));
    }

    private MeasuredGroup Measured(IEnumerable<string> accountNodes, GroupFeatures features) => new(
        [.. accountNodes.Select(a => a["account:".Length..]).Order(StringComparer.Ordinal)],
        _scorer.Score(features),
        _scorer.GroupScale(features.Accounts),
        _scorer.Measure(features));

    /// <summary>The live component <paramref name="id"/> is part of now, read whole.</summary>
    private async Task<Evidence<ComponentRead>> ReadAsync(string id)
    {
        if (!ComponentId.IsValid(id) || !(await grains.Reference<IComponentGrain>(id).GetSummary()).Exists)
        {
            return Evidence<ComponentRead>.Failed(EvidenceStatus.ComponentUnknown, $"component '{id}' is not known");
        }

        var root = await _forest.ResolveComponentAsync(id);
        if (root is null)
        {
            var pieces = await _forest.SplitIntoAsync(id);
            return Evidence<ComponentRead>.Failed(EvidenceStatus.ComponentSplit,
                $"component {id} has split into {string.Join(", ", pieces)}") with { SplitInto = pieces };
        }

        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        return Evidence<ComponentRead>.Found(new ComponentRead(root, await _reader.ReadTreeAsync(root, watermark), watermark));
    }

    private static string? ResolvedFrom(string id, string root) => id == root ? null : id;

    private sealed record ComponentRead(string Root, TreeRead Tree, DateTime Watermark);
}

public enum EvidenceStatus
{
    Found,
    ComponentUnknown,
    ComponentSplit,
    AccountUnknown,
    NotInComponent,
    NoPath,
}

/// <summary>An evidence answer, or why there is none (<see cref="Error"/> says it in words).</summary>
public sealed record Evidence<T>(EvidenceStatus Status, T? Value, string? Error) where T : class
{
    /// <summary>For <see cref="EvidenceStatus.ComponentSplit"/>: the live components it became.</summary>
    public IReadOnlyList<string> SplitInto { get; init; } = [];

    public static Evidence<T> Found(T value) => new(EvidenceStatus.Found, value, null);

    public static Evidence<T> Failed(EvidenceStatus status, string error) => new(status, null, error);

    public Evidence<TOther> As<TOther>() where TOther : class => new(Status, null, Error) { SplitInto = SplitInto };
}

/// <summary>
/// <see cref="Steps"/> alternate account and entity node keys, from <see cref="From"/> to <see cref="To"/>.
/// <see cref="ResolvedFrom"/> is the id asked for when it has since merged into <see cref="Component"/>.
/// </summary>
public sealed record EvidencePath(string Component, string? ResolvedFrom, string From, string To, IReadOnlyList<PathStep> Steps)
{
    /// <summary>Entities passed through: one per account-to-account hop.</summary>
    public int Hops => Steps.Count / 2;
}

public enum GraphFormat
{
    GraphML,
    Dot,
}

public sealed record GraphExport(string Component, string? ResolvedFrom, GraphFormat Format, string Document);

/// <summary>A component measured: <see cref="ResolvedFrom"/> is the id asked for when it has since merged into <see cref="Component"/>.</summary>
public sealed record ComponentMeasurement(string Component, string? ResolvedFrom, DateTime Watermark, IReadOnlyList<MeasuredPiece> Pieces);

/// <summary>A piece of a component, and the cores its accounts are judged on (see <c>CoreDecisions</c>).</summary>
public sealed record MeasuredPiece(MeasuredGroup Group, IReadOnlyList<MeasuredGroup> Cores);

/// <summary>A group's accounts (ids, in ordinal order), its hand-built assessment, its group scale and every feature measured on it.</summary>
public sealed record MeasuredGroup(IReadOnlyList<string> Accounts, Assessment Assessment, double GroupScale, IReadOnlyList<Measurement> Features);
