using Xunit.Sdk;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orleans.Distill.Tests.Deployment;

/// <summary>Every document of every k8s/*.yaml file, parsed, with lookups of the resources that have to line up.</summary>
public sealed class KubernetesManifests
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet"];

    private KubernetesManifests(IReadOnlyList<string> files, IReadOnlyList<ManifestDocument> documents)
    {
        Files = files;
        Documents = documents;
    }

    /// <summary>The manifest file names, sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<ManifestDocument> Documents { get; }

    public static KubernetesManifests Load()
    {
        var folder = RepositoryRoot.Combine("k8s");
        Assert.True(Directory.Exists(folder), $"k8s/ not found at {folder}");
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 0, $"no *.yaml files in {folder}");

        var documents = new List<ManifestDocument>();
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(path);
                stream.Load(reader);
            }
            catch (YamlException e)
            {
                throw new XunitException($"k8s/{name} is not valid YAML: {e.Message}");
            }

            var index = 0;
            foreach (var document in stream.Documents)
            {
                index++;
                switch (document.RootNode)
                {
                    case YamlMappingNode root:
                        documents.Add(new ManifestDocument(name, index, root));
                        break;
                    case YamlScalarNode { Value: null or "" }:
                        break; // an empty document, e.g. after a trailing '---'
                    default:
                        throw new XunitException($"k8s/{name} #{index}: the document is a {document.RootNode.NodeType}, not a mapping");
                }
            }
        }

        return new KubernetesManifests(files.Select(f => Path.GetFileName(f)).ToList(), documents);
    }

    public IEnumerable<ManifestDocument> OfKind(string kind) => Documents.Where(d => d.Kind == kind);

    /// <summary>The one resource of <paramref name="kind"/>; fails when there is none or more than one.</summary>
    public ManifestDocument Single(string kind)
    {
        var found = OfKind(kind).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new XunitException($"no {kind} in k8s/ (found: {Inventory()})"),
            _ => throw new XunitException($"{found.Count} of kind {kind} in k8s/ ({string.Join(", ", found.Select(d => d.Where))}); expected one"),
        };
    }

    /// <summary>The Deployment or StatefulSet that runs the silos.</summary>
    public ManifestDocument Workload
    {
        get
        {
            var found = Documents.Where(d => d.Kind is { } kind && WorkloadKinds.Contains(kind)).ToList();
            return found.Count switch
            {
                1 => found[0],
                0 => throw new XunitException($"no Deployment or StatefulSet in k8s/ (found: {Inventory()})"),
                _ => throw new XunitException($"{found.Count} workloads in k8s/ ({string.Join(", ", found.Select(d => d.Where))}); expected one"),
            };
        }
    }

    public YamlMappingNode PodSpec => Workload.Map("spec.template.spec");

    public Dictionary<string, string> PodLabels => ManifestDocument.Strings(Workload.Root, "spec.template.metadata.labels", Workload.Where);

    public IReadOnlyList<YamlMappingNode> Containers
    {
        get
        {
            var containers = ManifestDocument.Sequence(PodSpec, "containers", Workload.Where + " spec.template.spec").Children
                .Select((c, i) => c as YamlMappingNode ?? throw new XunitException($"{Workload.Where}: spec.template.spec.containers[{i}] is not a mapping"))
                .ToList();
            Assert.True(containers.Count > 0, $"{Workload.Where}: spec.template.spec.containers is empty");
            return containers;
        }
    }

    /// <summary>The container running the silo: the one that is given ORLEANS_SERVICE_ID.</summary>
    public YamlMappingNode SiloContainer =>
        Containers.SingleOrDefault(c => EnvVar(c, "ORLEANS_SERVICE_ID") is not null)
        ?? throw new XunitException($"{Workload.Where}: no container (or more than one) has ORLEANS_SERVICE_ID in env");

    /// <summary>How a container is named in failure messages.</summary>
    public string Describe(YamlMappingNode container) =>
        $"{Workload.Where} container '{(ManifestDocument.Find(container, "name") as YamlScalarNode)?.Value ?? "?"}'";

    /// <summary>The keys a Secret defines, under <c>data</c> or <c>stringData</c>.</summary>
    public static HashSet<string> SecretKeys(ManifestDocument secret) =>
        new[] { "data", "stringData" }
            .Select(section => ManifestDocument.Find(secret.Root, section))
            .OfType<YamlMappingNode>()
            .SelectMany(map => map.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!))
            .ToHashSet();

    /// <summary>The env entry called <paramref name="name"/>, or null.</summary>
    public static YamlMappingNode? EnvVar(YamlMappingNode container, string name) =>
        (ManifestDocument.Find(container, "env") as YamlSequenceNode)?.Children
            .OfType<YamlMappingNode>()
            .SingleOrDefault(e => ManifestDocument.Find(e, "name") is YamlScalarNode n && n.Value == name);

    /// <summary>The literal value of env <paramref name="name"/> in the silo container; fails when it is absent or not a literal.</summary>
    public string EnvValue(string name)
    {
        var where = $"{Describe(SiloContainer)} env {name}";
        var entry = EnvVar(SiloContainer, name) ?? throw new XunitException($"{where}: not set");
        return ManifestDocument.Scalar(entry, "value", where);
    }

    /// <summary>A container's named ports: name to containerPort.</summary>
    public Dictionary<string, int> ContainerPorts(YamlMappingNode container)
    {
        var where = Describe(container);
        return ManifestDocument.Sequence(container, "ports", where).Children
            .OfType<YamlMappingNode>()
            .Where(p => ManifestDocument.Find(p, "name") is YamlScalarNode)
            .ToDictionary(
                p => ManifestDocument.Scalar(p, "name", where + " ports"),
                p => int.Parse(ManifestDocument.Scalar(p, "containerPort", where + " ports"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Inventory() => string.Join(", ", Documents.Select(d => $"{d.Kind}/{d.Name} in {d.File}"));
}
