using System.Xml.Linq;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Evidence;

public sealed class ComponentGraphTests
{
    private static readonly DateTime Now = TestEvents.T0.AddDays(60);
    private static readonly HubRules Rules = new(new DetectionOptions { Window = TimeSpan.FromDays(30) });
    private static readonly XNamespace GraphML = "http://graphml.graphdrawing.org/xmlns";

    [Fact]
    public void Path_ThroughSharedCard_NamesTheCard()
    {
        var graph = new Tree()
            .Link("alice", "instrument:tok_1", Now.AddHours(-3), Now.AddHours(-2), count: 2)
            .Link("bob", "instrument:tok_1", Now.AddHours(-1))
            .Link("alice", "ip_range:203.0.113.0/24", Now.AddHours(-3))
            .Build();

        var path = graph.ShortestPath("account:alice", "account:bob");

        Assert.NotNull(path);
        Assert.Equal(["account:alice", "instrument:tok_1", "account:bob"], path.Select(s => s.Node));
        Assert.Equal(new LinkRecord(Now.AddHours(-3), Now.AddHours(-2), 2), path[1].FromLink);
        Assert.Equal(new LinkRecord(Now.AddHours(-1), Now.AddHours(-1), 1), path[1].ToLink);
        Assert.Null(path[0].FromLink);
    }

    [Fact]
    public void Path_TakesTheFewestLinks()
    {
        // a – d1 – b – d2 – c – d3 – z is the long way; a – tpl – z is one hop.
        var graph = new Tree()
            .Link("a", "device:d1").Link("b", "device:d1")
            .Link("b", "device:d2").Link("c", "device:d2")
            .Link("c", "device:d3").Link("z", "device:d3")
            .Link("a", "template:tpl").Link("z", "template:tpl")
            .Build();

        var path = graph.ShortestPath("account:a", "account:z");

        Assert.Equal(["account:a", "template:tpl", "account:z"], path!.Select(s => s.Node));
        Assert.Equal(["account:a", "device:d1", "account:b", "device:d2", "account:c"],
            graph.ShortestPath("account:a", "account:c")!.Select(s => s.Node));
    }

    [Fact]
    public void Path_DoesNotPassThroughHub()
    {
        var graph = new Tree()
            .Link("a", "ip_range:10.0.0.0/24").Link("z", "ip_range:10.0.0.0/24")
            .Link("a", "device:d1").Link("b", "device:d1")
            .Link("b", "device:d2").Link("z", "device:d2")
            .Hub("ip_range:10.0.0.0/24")
            .Build();

        var path = graph.ShortestPath("account:a", "account:z");

        Assert.Equal(["account:a", "device:d1", "account:b", "device:d2", "account:z"], path!.Select(s => s.Node));
        Assert.True(graph.Graph.ContainsVertex("ip_range:10.0.0.0/24"));
        Assert.True(graph.IsHub("ip_range:10.0.0.0/24"));
        Assert.Null(new Tree().Link("a", "device:hub").Link("z", "device:hub").Hub("device:hub").Build().ShortestPath("account:a", "account:z"));
    }

    [Fact]
    public void Path_DoesNotUseLinksOutsideTheWindow()
    {
        var graph = new Tree()
            .Link("a", "instrument:old", Now.AddDays(-45)).Link("z", "instrument:old")
            .Link("a", "device:d1").Link("b", "device:d1")
            .Link("b", "device:d2").Link("z", "device:d2")
            .Build();

        Assert.Equal(["account:a", "device:d1", "account:b", "device:d2", "account:z"],
            graph.ShortestPath("account:a", "account:z")!.Select(s => s.Node));
        Assert.False(graph.Graph.ContainsEdge("account:a", "instrument:old") || graph.Graph.ContainsEdge("instrument:old", "account:a"));
        Assert.Null(new Tree().Link("a", "instrument:old", Now.AddDays(-45)).Link("z", "instrument:old").Build()
            .ShortestPath("account:a", "account:z"));
    }

    [Fact]
    public void Path_ToItself_IsTheAccountAlone()
    {
        var graph = new Tree().Link("a", "device:d1").Link("b", "device:d1").Build();

        Assert.Equal(["account:a"], graph.ShortestPath("account:a", "account:a")!.Select(s => s.Node));
        Assert.Null(graph.ShortestPath("account:a", "account:nobody"));
    }

    [Fact]
    public void GraphML_ParsesWithEveryVertexAndEdge()
    {
        var graph = new Tree()
            .Link("alice", "instrument:tok_1").Link("bob", "instrument:tok_1")
            .Link("bob", "ip_range:10.0.0.0/24").Link("carol@x", "ip_range:10.0.0.0/24")
            .Link("carol@x", "ip_range:100.64.0.0/24").Hub("ip_range:100.64.0.0/24")
            .Link("carol@x", "device:old", Now.AddDays(-45))
            .Build();

        var xml = XDocument.Parse(graph.ToGraphML("c-00000000000000aa"));

        var nodes = xml.Descendants(GraphML + "node").ToList();
        var edges = xml.Descendants(GraphML + "edge").ToList();
        // device:old is still a member, but its only link left the window, so it has no edge.
        Assert.Equal(7, nodes.Count);
        Assert.Equal(5, edges.Count);
        Assert.Equal("c-00000000000000aa", xml.Descendants(GraphML + "graph").Single().Attribute("id")!.Value);
        Assert.Equal("undirected", xml.Descendants(GraphML + "graph").Single().Attribute("edgedefault")!.Value);
        var hub = nodes.Single(n => Data(n, "key") == "ip_range:100.64.0.0/24");
        Assert.Equal(("ip_range", "100.64.0.0/24", "true"), (Data(hub, "kind"), Data(hub, "value"), Data(hub, "hub")));
        Assert.Equal("account", Data(nodes.Single(n => Data(n, "key") == "account:carol@x"), "kind"));
        var ids = nodes.Select(n => n.Attribute("id")!.Value).ToHashSet();
        Assert.All(edges, e => Assert.True(ids.Contains(e.Attribute("source")!.Value) && ids.Contains(e.Attribute("target")!.Value)));
        Assert.Equal(["false", "true", "true", "true", "true"], edges.Select(e => Data(e, "glues")).Order());
        Assert.All(edges, e => Assert.Equal(Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), Data(e, "last_seen")));
    }

    [Fact]
    public void Dot_NamesEveryVertex_AndEscapesQuotes()
    {
        var graph = new Tree()
            .Link("alice", "instrument:tok_1").Link("bob", "instrument:tok_1")
            .Link("bob", "template:say \"hi\"").Link("carol", "template:say \"hi\"")
            .Link("carol", "device:shared").Hub("device:shared")
            .Build();

        var dot = graph.ToDot("c-00000000000000aa");

        Assert.StartsWith("graph \"c-00000000000000aa\" {", dot);
        Assert.EndsWith("}" + Environment.NewLine, dot);
        foreach (var vertex in new[] { "account:alice", "account:bob", "account:carol", "instrument:tok_1", "device:shared" })
        {
            Assert.Contains($"\"{vertex}\" [", dot);
        }

        Assert.Contains("\"template:say \\\"hi\\\"\" [", dot);
        Assert.Contains("kind=\"template\"", dot);
        Assert.Contains("\"account:carol\" -- \"device:shared\" [style=dashed", dot);
        Assert.Contains("count=\"1\"", dot);
        Assert.Equal(5, dot.Split('\n').Count(l => l.Contains(" -- ")));
    }

    private static string? Data(XElement element, string key) =>
        element.Elements(GraphML + "data").SingleOrDefault(d => d.Attribute("key")!.Value == key)?.Value;

    /// <summary>A component as <see cref="ComponentReader"/> would read it: accounts, their links, and the entities' rules.</summary>
    private sealed class Tree
    {
        private readonly Dictionary<string, List<LinkUpdate>> _links = [];
        private readonly HashSet<string> _hubs = [];

        public Tree Link(string account, string entity, DateTime? firstSeen = null, DateTime? lastSeen = null, long count = 1)
        {
            var node = NodeKey.Account(account);
            if (!_links.TryGetValue(node, out var links))
            {
                _links[node] = links = [];
            }

            links.Add(new LinkUpdate(entity, new LinkRecord(firstSeen ?? Now, lastSeen ?? firstSeen ?? Now, count)));
            return this;
        }

        public Tree Hub(string entity)
        {
            _hubs.Add(entity);
            return this;
        }

        public ComponentGraph Build()
        {
            var entities = _links.Values.SelectMany(l => l).Select(l => l.Other).Distinct()
                .ToDictionary(e => e, e => new EntityInfo { Key = e, Component = "c-0000000000000001", Glues = !_hubs.Contains(e), Hub = _hubs.Contains(e) });
            var profiles = _links.ToDictionary(kv => kv.Key, kv => new AccountProfile
            {
                Account = kv.Key["account:".Length..],
                Component = "c-0000000000000001",
                Links = kv.Value,
                Requests = new long[5],
                ActiveHours = [],
            });
            var members = profiles.Keys.Concat(entities.Keys.Where(e => !_hubs.Contains(e))).ToList();
            return ComponentGraph.Build(new TreeRead(members, profiles, entities, 1), Rules, Now);
        }
    }
}
