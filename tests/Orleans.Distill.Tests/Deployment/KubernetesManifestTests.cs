using YamlDotNet.RepresentationModel;

namespace Orleans.Distill.Tests.Deployment;

/// <summary>The k8s/ manifests parse, and the names, labels, ports and keys that tie them together line up.</summary>
public sealed class KubernetesManifestTests
{
    private const string ExpectedNamespace = "orleans-distill";

    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    [Fact]
    public void Manifests_HaveApiVersionKindName_AndTheNamespace()
    {
        foreach (var doc in _k8s.Documents)
        {
            doc.Scalar("apiVersion");
            doc.Scalar("kind");
            doc.Scalar("metadata.name");
            if (doc.Kind != "Namespace")
            {
                Assert.True(doc.Namespace == ExpectedNamespace, $"{doc.Where}: metadata.namespace is '{doc.Namespace}', expected '{ExpectedNamespace}'");
            }
        }

        var ns = _k8s.Single("Namespace");
        Assert.True(ns.Name == ExpectedNamespace, $"{ns.Where}: metadata.name is '{ns.Name}', expected '{ExpectedNamespace}'");

        var duplicates = _k8s.Documents.GroupBy(d => (d.Kind, d.Name)).Where(g => g.Count() > 1).Select(g => string.Join(" and ", g.Select(d => d.Where))).ToList();
        Assert.True(duplicates.Count == 0, "defined twice: " + string.Join("; ", duplicates));
    }

    [Fact]
    public void Rbac_RoleBindingNamesTheRoleAndTheServiceAccount()
    {
        var role = _k8s.Single("Role");
        var account = _k8s.Single("ServiceAccount");
        var binding = _k8s.Single("RoleBinding");

        Assert.True(binding.Scalar("roleRef.kind") == "Role", $"{binding.Where}: roleRef.kind is '{binding.Scalar("roleRef.kind")}', expected 'Role'");
        Assert.True(binding.Scalar("roleRef.name") == role.Name, $"{binding.Where}: roleRef.name is '{binding.Scalar("roleRef.name")}', but the Role in {role.File} is '{role.Name}'");

        var subjects = binding.Sequence("subjects").Children.OfType<YamlMappingNode>().ToList();
        Assert.True(
            subjects.Any(s =>
                ManifestDocument.Find(s, "kind") is YamlScalarNode { Value: "ServiceAccount" }
                && ManifestDocument.Find(s, "name") is YamlScalarNode n && n.Value == account.Name
                && ManifestDocument.Find(s, "namespace") is YamlScalarNode ns && ns.Value == account.Namespace),
            $"{binding.Where}: subjects has no ServiceAccount '{account.Name}' in namespace '{account.Namespace}' (the ServiceAccount in {account.File})");
    }

    [Fact]
    public void Rbac_RoleGrantsTheKubernetesHostingVerbsOnPods()
    {
        var role = _k8s.Single("Role");
        var verbs = role.Sequence("rules").Children.OfType<YamlMappingNode>()
            .Where(rule => Values(rule, "apiGroups").Contains("") && Values(rule, "resources").Any(r => r is "pods" or "*"))
            .SelectMany(rule => Values(rule, "verbs"))
            .ToHashSet();

        foreach (var verb in new[] { "get", "list", "watch", "patch", "delete" })
        {
            Assert.True(verbs.Contains(verb) || verbs.Contains("*"), $"{role.Where}: rules do not grant '{verb}' on core pods (granted: {string.Join(", ", verbs)})");
        }
    }

    [Fact]
    public void Workload_RunsAsTheServiceAccount()
    {
        var account = _k8s.Single("ServiceAccount");
        var used = ManifestDocument.Scalar(_k8s.PodSpec, "serviceAccountName", _k8s.Workload.Where + " spec.template.spec");
        Assert.True(used == account.Name, $"{_k8s.Workload.Where}: spec.template.spec.serviceAccountName is '{used}', but the ServiceAccount in {account.File} is '{account.Name}'");
    }

    [Fact]
    public void Selectors_MatchThePodTemplateLabels()
    {
        var labels = _k8s.PodLabels;
        var service = _k8s.Single("Service");
        var pdb = _k8s.Single("PodDisruptionBudget");

        AssertSelects(_k8s.Workload, "spec.selector.matchLabels", labels);
        AssertSelects(service, "spec.selector", labels);
        AssertSelects(pdb, "spec.selector.matchLabels", labels);
    }

    [Fact]
    public void PodLabels_CarryTheOrleansIds_FromTheEnvironment()
    {
        var labels = _k8s.PodLabels;
        var where = _k8s.Workload.Where + ": spec.template.metadata.labels";

        foreach (var (label, env) in new[] { ("orleans/serviceId", "ORLEANS_SERVICE_ID"), ("orleans/clusterId", "ORLEANS_CLUSTER_ID") })
        {
            Assert.True(labels.TryGetValue(label, out var value), $"{where} has no '{label}'");
            var expected = _k8s.EnvValue(env);
            Assert.True(value == expected, $"{where}['{label}'] is '{value}', but env {env} is '{expected}'");
        }
    }

    [Fact]
    public void Env_PodIdentityComesFromTheDownwardApi()
    {
        var container = _k8s.SiloContainer;
        foreach (var (name, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            var where = $"{_k8s.Describe(container)} env {name}";
            var entry = KubernetesManifests.EnvVar(container, name) ?? throw new Xunit.Sdk.XunitException($"{where}: not set");
            var path = ManifestDocument.Scalar(entry, "valueFrom.fieldRef.fieldPath", where);
            Assert.True(path == field, $"{where}: valueFrom.fieldRef.fieldPath is '{path}', expected '{field}'");
        }
    }

    [Fact]
    public void Env_SelectsPostgresStorage_AndKubernetesClustering()
    {
        Assert.True(_k8s.EnvValue("Distill__Storage__Kind") == "postgres", $"{_k8s.Workload.Where}: env Distill__Storage__Kind is '{_k8s.EnvValue("Distill__Storage__Kind")}', expected 'postgres'");
        Assert.True(_k8s.EnvValue("Distill__Silo__Clustering") == "kubernetes", $"{_k8s.Workload.Where}: env Distill__Silo__Clustering is '{_k8s.EnvValue("Distill__Silo__Clustering")}', expected 'kubernetes'");

        var where = $"{_k8s.Describe(_k8s.SiloContainer)} env Distill__Storage__ConnectionString";
        var entry = KubernetesManifests.EnvVar(_k8s.SiloContainer, "Distill__Storage__ConnectionString") ?? throw new Xunit.Sdk.XunitException($"{where}: not set");
        Assert.True(ManifestDocument.Find(entry, "value") is null, $"{where}: the connection string is written inline; it belongs in the Secret");
        ManifestDocument.Map(entry, "valueFrom.secretKeyRef", where);
    }

    [Fact]
    public void SecretKeyRefs_NameTheSecret_AndAKeyItHas()
    {
        var secret = _k8s.OfKind("Secret").Single(s => s.Name == "distill-postgres");
        var keys = KubernetesManifests.SecretKeys(secret);
        Assert.True(keys.Count > 0, $"{secret.Where}: neither data nor stringData has any key");

        var refs = 0;
        foreach (var container in _k8s.Containers)
        {
            var env = ManifestDocument.Find(container, "env") as YamlSequenceNode;
            foreach (var entry in env?.Children.OfType<YamlMappingNode>() ?? [])
            {
                if (ManifestDocument.Find(entry, "valueFrom.secretKeyRef") is not YamlMappingNode secretRef)
                {
                    continue;
                }

                refs++;
                var where = $"{_k8s.Describe(container)} env {(ManifestDocument.Find(entry, "name") as YamlScalarNode)?.Value}: valueFrom.secretKeyRef";
                var name = ManifestDocument.Scalar(secretRef, "name", where);
                var key = ManifestDocument.Scalar(secretRef, "key", where);
                Assert.True(name == secret.Name, $"{where}.name is '{name}', but the Secret in {secret.File} is '{secret.Name}'");
                Assert.True(keys.Contains(key), $"{where}.key is '{key}', but {secret.Where} has only: {string.Join(", ", keys)}");
            }
        }

        Assert.True(refs > 0, $"{_k8s.Workload.Where}: no env entry reads the Secret '{secret.Name}'");
    }

    [Fact]
    public void Service_TargetsANamedContainerPort()
    {
        var service = _k8s.Single("Service");
        var ports = service.Sequence("spec.ports").Children.OfType<YamlMappingNode>().ToList();
        Assert.True(ports.Count > 0, $"{service.Where}: spec.ports is empty");
        foreach (var port in ports)
        {
            var target = ManifestDocument.Scalar(port, "targetPort", service.Where + " spec.ports[]");
            AssertNamesAContainerPort(target, $"{service.Where}: spec.ports[].targetPort");
        }
    }

    [Fact]
    public void Probes_UseHealthOnANamedContainerPort()
    {
        var container = _k8s.SiloContainer;
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            var where = $"{_k8s.Describe(container)} {probe}";
            var path = ManifestDocument.Scalar(container, $"{probe}.httpGet.path", _k8s.Describe(container));
            Assert.True(path == "/health", $"{where}.httpGet.path is '{path}', expected '/health'");
            AssertNamesAContainerPort(ManifestDocument.Scalar(container, $"{probe}.httpGet.port", _k8s.Describe(container)), $"{where}.httpGet.port");
        }
    }

    [Fact]
    public void Probes_LivenessIsMorePatientThanReadiness()
    {
        var container = _k8s.SiloContainer;
        var where = _k8s.Describe(container);
        int Setting(string probe, string field, int fallback) =>
            ManifestDocument.Find(container, $"{probe}.{field}") is YamlScalarNode s ? int.Parse(s.Value!, System.Globalization.CultureInfo.InvariantCulture) : fallback;

        // Kubernetes defaults: initialDelaySeconds 0, failureThreshold 3.
        Assert.True(Setting("livenessProbe", "initialDelaySeconds", 0) > Setting("readinessProbe", "initialDelaySeconds", 0), $"{where}: livenessProbe.initialDelaySeconds should be longer than readinessProbe's, so a slow start is not killed");
        Assert.True(Setting("livenessProbe", "failureThreshold", 3) > Setting("readinessProbe", "failureThreshold", 3), $"{where}: livenessProbe.failureThreshold should be higher than readinessProbe's");
    }

    [Fact]
    public void Env_AspNetCoreUrls_ListenOnTheHttpContainerPort()
    {
        var urls = _k8s.EnvValue("ASPNETCORE_URLS");
        var http = _k8s.ContainerPorts(_k8s.SiloContainer);
        var where = $"{_k8s.Describe(_k8s.SiloContainer)}";
        Assert.True(http.TryGetValue("http", out var port), $"{where}: ports has no port named 'http'");
        var uri = new Uri(urls.Split(';')[0].Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"));
        Assert.True(uri.Port == port, $"{where}: env ASPNETCORE_URLS is '{urls}', but the 'http' containerPort is {port}");
        Assert.True(uri.Host is "0.0.0.0" or "[::]", $"{where}: env ASPNETCORE_URLS is '{urls}'; inside a pod it has to listen on all interfaces, not loopback");
    }

    [Fact]
    public void Hpa_ScalesTheWorkload()
    {
        var hpa = _k8s.Single("HorizontalPodAutoscaler");
        var workload = _k8s.Workload;
        Assert.True(hpa.Scalar("spec.scaleTargetRef.kind") == workload.Kind, $"{hpa.Where}: spec.scaleTargetRef.kind is '{hpa.Scalar("spec.scaleTargetRef.kind")}', but the workload is a {workload.Kind}");
        Assert.True(hpa.Scalar("spec.scaleTargetRef.name") == workload.Name, $"{hpa.Where}: spec.scaleTargetRef.name is '{hpa.Scalar("spec.scaleTargetRef.name")}', but the workload is '{workload.Name}'");
        Assert.True(hpa.Scalar("spec.scaleTargetRef.apiVersion") == workload.ApiVersion, $"{hpa.Where}: spec.scaleTargetRef.apiVersion is '{hpa.Scalar("spec.scaleTargetRef.apiVersion")}', but the workload is '{workload.ApiVersion}'");

        var min = int.Parse(hpa.Scalar("spec.minReplicas"), System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(hpa.Scalar("spec.maxReplicas"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(min >= 1 && min <= max, $"{hpa.Where}: spec.minReplicas {min} and spec.maxReplicas {max} are not a range");
    }

    [Fact]
    public void Pdb_LeavesRoomToEvictASilo_AtTheMinimumReplicas()
    {
        var pdb = _k8s.Single("PodDisruptionBudget");
        var hpa = _k8s.Single("HorizontalPodAutoscaler");
        var fewest = int.Parse(hpa.Scalar("spec.minReplicas"), System.Globalization.CultureInfo.InvariantCulture);

        if (ManifestDocument.Find(pdb.Root, "spec.minAvailable") is YamlScalarNode minAvailable)
        {
            Assert.True(int.TryParse(minAvailable.Value, out var count), $"{pdb.Where}: spec.minAvailable '{minAvailable.Value}' should be a pod count");
            Assert.True(count < fewest, $"{pdb.Where}: spec.minAvailable {count} leaves no pod evictable at {hpa.Where} spec.minReplicas {fewest}, so node drains would block");
        }
        else
        {
            var maxUnavailable = pdb.Scalar("spec.maxUnavailable");
            Assert.True(maxUnavailable != "0" && maxUnavailable != "0%", $"{pdb.Where}: spec.maxUnavailable {maxUnavailable} blocks every eviction");
        }
    }

    [Fact]
    public void Containers_HaveResourceRequestsAndLimits()
    {
        foreach (var container in _k8s.Containers)
        {
            var where = _k8s.Describe(container);
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = KubernetesQuantity.Parse(ManifestDocument.Scalar(container, $"resources.requests.{resource}", where), where);
                var limit = KubernetesQuantity.Parse(ManifestDocument.Scalar(container, $"resources.limits.{resource}", where), where);
                Assert.True(request > 0, $"{where}: resources.requests.{resource} is zero");
                Assert.True(limit >= request, $"{where}: resources.limits.{resource} is below resources.requests.{resource}");
            }
        }
    }

    [Fact]
    public void TheKeysFile_IsMountedFromItsSecret_AndTheHostReadsIt()
    {
        var secret = _k8s.OfKind("Secret").SingleOrDefault(s => s.Name == "distill-keys")
            ?? throw new Xunit.Sdk.XunitException("no Secret distill-keys in k8s/: beyond loopback the host refuses to start without API keys");
        Assert.Contains("keys.json", KubernetesManifests.SecretKeys(secret));

        var volume = ManifestDocument.Sequence(_k8s.PodSpec, "volumes", _k8s.Workload.Where).Children.OfType<YamlMappingNode>()
            .Single(v => ManifestDocument.Find(v, "secret.secretName") is YamlScalarNode { Value: "distill-keys" });
        var volumeName = ManifestDocument.Scalar(volume, "name", _k8s.Workload.Where);
        var mount = ManifestDocument.Sequence(_k8s.SiloContainer, "volumeMounts", _k8s.Describe(_k8s.SiloContainer)).Children.OfType<YamlMappingNode>()
            .Single(m => ManifestDocument.Find(m, "name") is YamlScalarNode s && s.Value == volumeName);
        var mountPath = ManifestDocument.Scalar(mount, "mountPath", _k8s.Describe(_k8s.SiloContainer));
        Assert.Equal("true", ManifestDocument.Scalar(mount, "readOnly", _k8s.Describe(_k8s.SiloContainer)));
        Assert.Equal($"{mountPath}/keys.json", _k8s.EnvValue("Distill__Auth__KeysFile"));
    }

    [Fact]
    public void NetworkPolicy_AdmitsTheApiPort_AndTheSiloPortsOnlyFromSilos()
    {
        var policy = _k8s.Single("NetworkPolicy");
        AssertSelects(policy, "spec.podSelector.matchLabels", _k8s.PodLabels);
        Assert.Contains("Ingress", Values(policy.Root, "spec.policyTypes"));
        var rules = policy.Sequence("spec.ingress").Children.OfType<YamlMappingNode>().ToList();
        var admitted = new Dictionary<string, bool>();
        foreach (var rule in rules)
        {
            var fromSilosOnly = ManifestDocument.Find(rule, "from") is YamlSequenceNode from
                && from.Children.OfType<YamlMappingNode>().All(f => ManifestDocument.Find(f, "podSelector.matchLabels") is YamlMappingNode
                    && ManifestDocument.Strings(f, "podSelector.matchLabels", policy.Where).All(l => _k8s.PodLabels.GetValueOrDefault(l.Key) == l.Value));
            foreach (var port in ManifestDocument.Sequence(rule, "ports", policy.Where).Children.OfType<YamlMappingNode>())
            {
                var name = ManifestDocument.Scalar(port, "port", policy.Where);
                AssertNamesAContainerPort(name, $"{policy.Where}: spec.ingress port");
                admitted[name] = fromSilosOnly;
            }
        }

        Assert.Equal(new Dictionary<string, bool> { ["http"] = false, ["silo"] = true, ["gateway"] = true }, admitted);
    }

    private void AssertSelects(ManifestDocument doc, string path, Dictionary<string, string> podLabels)
    {
        var selector = ManifestDocument.Strings(doc.Root, path, doc.Where);
        Assert.True(selector.Count > 0, $"{doc.Where}: {path} is empty and would select every pod");
        foreach (var (key, value) in selector)
        {
            Assert.True(
                podLabels.TryGetValue(key, out var label) && label == value,
                $"{doc.Where}: {path} wants {key}={value}, but the pod template of {_k8s.Workload.Where} has {(label is null ? "no such label" : $"{key}={label}")}");
        }
    }

    private void AssertNamesAContainerPort(string port, string where)
    {
        var ports = _k8s.ContainerPorts(_k8s.SiloContainer);
        Assert.False(int.TryParse(port, out _), $"{where} is the number {port}; it should name a container port ({string.Join(", ", ports.Keys)})");
        Assert.True(ports.ContainsKey(port), $"{where} is '{port}', but {_k8s.Describe(_k8s.SiloContainer)} has only the ports {string.Join(", ", ports.Keys)}");
    }

    private static IEnumerable<string> Values(YamlMappingNode node, string key) =>
        (ManifestDocument.Find(node, key) as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "") ?? [];
}
