using Xunit.Sdk;
using YamlDotNet.RepresentationModel;

namespace Orleans.Distill.Tests.Deployment;

/// <summary>
/// One YAML document of a Kubernetes manifest file, with lookups by dotted path
/// (<c>spec.template.spec</c>) that fail the test with the file, resource and path when a field is missing.
/// </summary>
public sealed class ManifestDocument(string file, int index, YamlMappingNode root)
{
    /// <summary>The file name under k8s/.</summary>
    public string File { get; } = file;

    /// <summary>The position of this document in its file, from 1.</summary>
    public int Index { get; } = index;

    public YamlMappingNode Root { get; } = root;

    public string? ApiVersion => Find(Root, "apiVersion") is YamlScalarNode s ? s.Value : null;

    public string? Kind => Find(Root, "kind") is YamlScalarNode s ? s.Value : null;

    public string? Name => Find(Root, "metadata.name") is YamlScalarNode s ? s.Value : null;

    public string? Namespace => Find(Root, "metadata.namespace") is YamlScalarNode s ? s.Value : null;

    /// <summary>Where this document is, for failure messages: <c>rbac.yaml #2 (Role/orleans-distill-pods)</c>.</summary>
    public string Where => $"{File} #{Index} ({Kind ?? "?"}/{Name ?? "?"})";

    public YamlMappingNode Map(string path) => Map(Root, path, Where);

    public YamlSequenceNode Sequence(string path) => Sequence(Root, path, Where);

    public string Scalar(string path) => Scalar(Root, path, Where);

    /// <summary>The node at a dotted path below <paramref name="node"/>, or null when any step is missing.</summary>
    public static YamlNode? Find(YamlNode node, string path)
    {
        var current = node;
        foreach (var key in path.Split('.'))
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static YamlMappingNode Map(YamlNode node, string path, string where) => Require<YamlMappingNode>(node, path, where, "a mapping");

    public static YamlSequenceNode Sequence(YamlNode node, string path, string where) => Require<YamlSequenceNode>(node, path, where, "a list");

    public static string Scalar(YamlNode node, string path, string where)
    {
        var value = Require<YamlScalarNode>(node, path, where, "a value").Value;
        Assert.False(string.IsNullOrWhiteSpace(value), $"{where}: {path} is empty");
        return value!;
    }

    /// <summary>A mapping of plain values, such as labels or a selector, as a dictionary.</summary>
    public static Dictionary<string, string> Strings(YamlNode node, string path, string where) =>
        Map(node, path, where).Children.ToDictionary(
            entry => ((YamlScalarNode)entry.Key).Value!,
            entry => entry.Value is YamlScalarNode value ? value.Value ?? "" : throw new XunitException($"{where}: {path}.{entry.Key} is not a plain value"));

    private static T Require<T>(YamlNode node, string path, string where, string what)
        where T : YamlNode =>
        Find(node, path) switch
        {
            T typed => typed,
            null => throw new XunitException($"{where}: {path} is missing"),
            var other => throw new XunitException($"{where}: {path} should be {what}, found {other.NodeType}"),
        };
}
