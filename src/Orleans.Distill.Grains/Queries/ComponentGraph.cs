using System.Globalization;
using System.Text;
using System.Xml;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using QuikGraph;
using QuikGraph.Algorithms.Observers;
using QuikGraph.Algorithms.Search;
using QuikGraph.Predicates;

namespace Orleans.Distill.Queries;

/// <summary>
/// A component as evidence: its accounts and entities as vertices, the account–entity links that glue as edges.
/// Hubs and benign entities that member accounts link to within the window are kept too, marked, because an
/// analyst wants to see them; but no path runs through them, since they join nothing.
/// </summary>
public sealed class ComponentGraph
{
    private readonly IReadOnlyDictionary<string, EntityInfo> _entities;

    private ComponentGraph(UndirectedGraph<string, TaggedUndirectedEdge<string, LinkRecord>> graph, IReadOnlyDictionary<string, EntityInfo> entities)
    {
        Graph = graph;
        _entities = entities;
    }

    public UndirectedGraph<string, TaggedUndirectedEdge<string, LinkRecord>> Graph { get; }

    /// <summary>
    /// The graph of <paramref name="read"/> at <paramref name="watermark"/>. Out-of-window links are left out
    /// whatever their entity: they explain nothing about why the accounts are together now.
    /// </summary>
    public static ComponentGraph Build(TreeRead read, HubRules rules, DateTime watermark)
    {
        var graph = new UndirectedGraph<string, TaggedUndirectedEdge<string, LinkRecord>>(allowParallelEdges: false);
        foreach (var member in read.Members.Order(StringComparer.Ordinal))
        {
            graph.AddVertex(member);
        }

        foreach (var (account, profile) in read.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var link in profile.Links.OrderBy(l => l.Other, StringComparer.Ordinal))
            {
                if (read.Entities.TryGetValue(link.Other, out var entity) && rules.IsEvidence(link.Other, link.Link, profile.LastSeen, watermark) &&
                    (entity.Glues || entity.Hub || entity.Benign))
                {
                    graph.AddVerticesAndEdge(Edge(account, link.Other, link.Link));
                }
            }
        }

        return new ComponentGraph(graph, read.Entities);
    }

    /// <summary>Accounts always glue; an entity glues unless it is a hub, benign, or unknown.</summary>
    public bool Glues(string node) =>
        NodeKey.KindOf(node) == EntityKind.Account || (_entities.TryGetValue(node, out var entity) && entity.Glues);

    public bool IsHub(string node) => _entities.TryGetValue(node, out var entity) && entity.Hub;

    public bool IsBenign(string node) => _entities.TryGetValue(node, out var entity) && entity.Benign;

    /// <summary>
    /// The fewest gluing links from <paramref name="from"/> to <paramref name="to"/> (node keys), as alternating
    /// account and entity steps starting and ending with an account; null when no gluing chain joins them.
    /// </summary>
    public IReadOnlyList<PathStep>? ShortestPath(string from, string to)
    {
        if (!Graph.ContainsVertex(from) || !Graph.ContainsVertex(to))
        {
            return null;
        }

        if (from == to)
        {
            return [new PathStep(from)];
        }

        var gluing = new FilteredUndirectedGraph<string, TaggedUndirectedEdge<string, LinkRecord>, UndirectedGraph<string, TaggedUndirectedEdge<string, LinkRecord>>>(
            Graph, Glues, e => Glues(e.Source) && Glues(e.Target));
        var search = new UndirectedBreadthFirstSearchAlgorithm<string, TaggedUndirectedEdge<string, LinkRecord>>(gluing);
        var predecessors = new UndirectedVertexPredecessorRecorderObserver<string, TaggedUndirectedEdge<string, LinkRecord>>();
        using (predecessors.Attach(search))
        {
            search.Compute(from);
        }

        if (!predecessors.TryGetPath(to, out var found))
        {
            return null;
        }

        // Every link joins an account to an entity, so the edges come in pairs: into an entity, then out of it.
        var edges = found.ToList();
        var steps = new List<PathStep>(edges.Count + 1) { new(from) };
        var at = from;
        for (var i = 0; i + 1 < edges.Count; i += 2)
        {
            var entity = edges[i].GetOtherVertex(at);
            at = edges[i + 1].GetOtherVertex(entity);
            steps.Add(new PathStep(entity, edges[i].Tag, edges[i + 1].Tag));
            steps.Add(new PathStep(at));
        }

        return steps;
    }

    // QuikGraph.Serialization and QuikGraph.Graphviz are not on the package feed this project restores from,
    // so the two formats are written here, with the same vertex and edge attributes either way.

    /// <summary>
    /// GraphML, undirected. Node ids are n0, n1, … because node keys (<c>ip_range:10.0.0.0/24</c>, accounts
    /// with <c>@</c>) are not valid GraphML ids; each node carries its key as data.
    /// </summary>
    public string ToGraphML(string graphId)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            const string ns = "http://graphml.graphdrawing.org/xmlns";
            xml.WriteStartDocument();
            xml.WriteStartElement("graphml", ns);
            foreach (var (id, on, type) in GraphMLKeys)
            {
                xml.WriteStartElement("key", ns);
                xml.WriteAttributeString("id", id);
                xml.WriteAttributeString("for", on);
                xml.WriteAttributeString("attr.name", id);
                xml.WriteAttributeString("attr.type", type);
                xml.WriteEndElement();
            }

            xml.WriteStartElement("graph", ns);
            xml.WriteAttributeString("id", graphId);
            xml.WriteAttributeString("edgedefault", "undirected");
            var ids = new Dictionary<string, string>();
            foreach (var vertex in Graph.Vertices)
            {
                var id = ids[vertex] = "n" + ids.Count.ToString(CultureInfo.InvariantCulture);
                xml.WriteStartElement("node", ns);
                xml.WriteAttributeString("id", id);
                foreach (var (key, value) in VertexAttributes(vertex))
                {
                    Data(xml, ns, key, value);
                }

                xml.WriteEndElement();
            }

            var edgeNumber = 0;
            foreach (var edge in Graph.Edges)
            {
                xml.WriteStartElement("edge", ns);
                xml.WriteAttributeString("id", "e" + edgeNumber++.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("source", ids[edge.Source]);
                xml.WriteAttributeString("target", ids[edge.Target]);
                foreach (var (key, value) in EdgeAttributes(edge))
                {
                    Data(xml, ns, key, value);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Graphviz DOT, undirected; node names are the node keys. Hubs and the links to them are drawn dashed.</summary>
    public string ToDot(string graphId)
    {
        var dot = new StringBuilder();
        dot.Append("graph ").Append(Quote(graphId)).AppendLine(" {");
        foreach (var vertex in Graph.Vertices)
        {
            NodeKey.TryParse(vertex, out var kind, out var value);
            var label = kind == EntityKind.Account ? Escape(value) : kind.Name() + "\\n" + Escape(value);
            dot.Append("  ").Append(Quote(vertex)).Append(" [label=\"").Append(label).Append('"')
                .Append(", shape=").Append(kind == EntityKind.Account ? "ellipse" : "box");
            if (!Glues(vertex))
            {
                dot.Append(", style=dashed");
            }

            // The node name is already the key.
            AppendAttributes(dot, VertexAttributes(vertex).Skip(1));
            dot.AppendLine("];");
        }

        foreach (var edge in Graph.Edges)
        {
            dot.Append("  ").Append(Quote(edge.Source)).Append(" -- ").Append(Quote(edge.Target)).Append(" [");
            if (!Glues(edge.Source) || !Glues(edge.Target))
            {
                dot.Append("style=dashed, ");
            }

            AppendAttributes(dot, EdgeAttributes(edge), first: true);
            dot.AppendLine("];");
        }

        return dot.AppendLine("}").ToString();
    }

    private static readonly (string Id, string For, string Type)[] GraphMLKeys =
    [
        ("key", "node", "string"), ("kind", "node", "string"), ("value", "node", "string"),
        ("hub", "node", "boolean"), ("benign", "node", "boolean"),
        ("first_seen", "edge", "string"), ("last_seen", "edge", "string"), ("count", "edge", "long"), ("glues", "edge", "boolean"),
    ];

    private IEnumerable<(string Key, string Value)> VertexAttributes(string vertex)
    {
        NodeKey.TryParse(vertex, out var kind, out var value);
        yield return ("key", vertex);
        yield return ("kind", kind.Name());
        yield return ("value", value);
        if (kind != EntityKind.Account)
        {
            yield return ("hub", Bool(IsHub(vertex)));
            yield return ("benign", Bool(IsBenign(vertex)));
        }
    }

    private IEnumerable<(string Key, string Value)> EdgeAttributes(TaggedUndirectedEdge<string, LinkRecord> edge)
    {
        yield return ("first_seen", Time(edge.Tag.FirstSeen));
        yield return ("last_seen", Time(edge.Tag.LastSeen));
        yield return ("count", edge.Tag.Count.ToString(CultureInfo.InvariantCulture));
        yield return ("glues", Bool(Glues(edge.Source) && Glues(edge.Target)));
    }

    private static void Data(XmlWriter xml, string ns, string key, string value)
    {
        xml.WriteStartElement("data", ns);
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private static void AppendAttributes(StringBuilder dot, IEnumerable<(string Key, string Value)> attributes, bool first = false)
    {
        foreach (var (key, value) in attributes)
        {
            dot.Append(first ? "" : ", ").Append(key).Append('=').Append(Quote(value));
            first = false;
        }
    }

    /// <summary>
    /// Undirected edges in QuikGraph must name the lower vertex first (by the default comparer); an account's
    /// link may go either way.
    /// </summary>
    private static TaggedUndirectedEdge<string, LinkRecord> Edge(string a, string b, LinkRecord link) =>
        Comparer<string>.Default.Compare(a, b) <= 0 ? new(a, b, link) : new(b, a, link);

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>RFC 3339 UTC, without a fraction when there is none, as the JSON API writes times.</summary>
    private static string Time(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// One step of a path: an account (no links) or an entity with the link from the account before it
/// (<see cref="FromLink"/>) and the link to the account after it (<see cref="ToLink"/>).
/// </summary>
public sealed record PathStep(string Node, LinkRecord? FromLink = null, LinkRecord? ToLink = null);
