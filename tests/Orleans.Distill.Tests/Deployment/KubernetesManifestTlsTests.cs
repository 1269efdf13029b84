using YamlDotNet.RepresentationModel;

namespace Orleans.Distill.Tests.Deployment;

/// <summary>The k8s/ manifests turn TLS on between silos, with the certificate files from their Secret.</summary>
public sealed class KubernetesManifestTlsTests
{
    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    [Fact]
    public void Tls_IsOn_WithTheCertificateMountedFromItsSecret()
    {
        var where = _k8s.Describe(_k8s.SiloContainer);
        Assert.True(_k8s.EnvValue("Distill__Tls__Enabled") == "true", $"{where}: env Distill__Tls__Enabled is '{_k8s.EnvValue("Distill__Tls__Enabled")}': silo and gateway traffic would cross the network in the clear");

        var secret = _k8s.OfKind("Secret").SingleOrDefault(s => s.Name == "distill-silo-tls")
            ?? throw new Xunit.Sdk.XunitException("no Secret distill-silo-tls in k8s/: with TLS on, the silos have no certificate to start with");
        var keys = KubernetesManifests.SecretKeys(secret);
        var volume = ManifestDocument.Sequence(_k8s.PodSpec, "volumes", _k8s.Workload.Where).Children.OfType<YamlMappingNode>()
            .SingleOrDefault(v => ManifestDocument.Find(v, "secret.secretName") is YamlScalarNode { Value: "distill-silo-tls" })
            ?? throw new Xunit.Sdk.XunitException($"{_k8s.Workload.Where}: no volume mounts the Secret distill-silo-tls");
        var volumeName = ManifestDocument.Scalar(volume, "name", _k8s.Workload.Where);
        var mount = ManifestDocument.Sequence(_k8s.SiloContainer, "volumeMounts", where).Children.OfType<YamlMappingNode>()
            .SingleOrDefault(m => ManifestDocument.Find(m, "name") is YamlScalarNode s && s.Value == volumeName)
            ?? throw new Xunit.Sdk.XunitException($"{where}: the volume '{volumeName}' (Secret distill-silo-tls) is not mounted");
        var mountPath = ManifestDocument.Scalar(mount, "mountPath", where);
        Assert.Equal("true", ManifestDocument.Scalar(mount, "readOnly", where));

        foreach (var setting in new[] { "Distill__Tls__CertificatePath", "Distill__Tls__KeyPath", "Distill__Tls__CertificateAuthorityPath" })
        {
            var path = _k8s.EnvValue(setting);
            Assert.True(path.StartsWith(mountPath + "/", StringComparison.Ordinal), $"{where}: env {setting} is '{path}', outside the Secret's mount {mountPath}");
            var key = path[(mountPath.Length + 1)..];
            Assert.True(keys.Contains(key), $"{where}: env {setting} names '{key}', but {secret.Where} has only: {string.Join(", ", keys)}");
        }
    }
}
