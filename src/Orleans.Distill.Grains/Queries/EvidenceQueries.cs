using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Queries;

/// <summary>
/// Why accounts are together, for fraud analysts: the chain of gluing links between two accounts of a component,
/// and the component's whole graph for their own tools. Reads from outside the grains, like <see cref="GraphQueries"/>.
/// </summary>
public sealed class EvidenceQueries(IGrainFactory grains, IOptions<GraphOptions> graph, IOptions<DetectionOptions> detection)
{
    private readonly ComponentForest _forest = new(grains, graph.Value);
    private readonly ComponentReader _reader = new(grains);
    private readonly HubRules _rules = new(detection.Value);

    /// <summary>The shortest chain of gluing links from account <paramref name="from"/> to <paramref name="to"/> in component <paramref name="id"/>.</summary>
    public async Task<Evidence<EvidencePath>> PathAsync(string id, string from, string to)
    {
        var component = await ReadAsync(id);
        if (component.Value is not { } read)
        {
            return component.As<EvidencePath>();
        }

        foreach (var account in new[] { from, to })
        {
            if (!read.Graph.Graph.ContainsVertex(NodeKey.Account(account)))
            {
                return await grains.Reference<IAccountGrain>(account).Get() is null
                    ? Evidence<EvidencePath>.Failed(EvidenceStatus.AccountUnknown, $"account '{account}' is not known")
                    : Evidence<EvidencePath>.Failed(EvidenceStatus.NotInComponent, $"account '{account}' is not in component {read.Root}");
            }
        }

        var steps = read.Graph.ShortestPath(NodeKey.Account(from), NodeKey.Account(to));
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

        var document = format == GraphFormat.Dot ? read.Graph.ToDot(read.Root) : read.Graph.ToGraphML(read.Root);
        return Evidence<GraphExport>.Found(new GraphExport(read.Root, ResolvedFrom(id, read.Root), format, document));
    }

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
        var tree = await _reader.ReadTreeAsync(root, watermark);
        return Evidence<ComponentRead>.Found(new ComponentRead(root, ComponentGraph.Build(tree, _rules, watermark)));
    }

    private static string? ResolvedFrom(string id, string root) => id == root ? null : id;

    private sealed record ComponentRead(string Root, ComponentGraph Graph);
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
