using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Orleans.Distill.Tests.Deployment;

/// <summary>The top-level Dockerfile builds the host the README runs and runs it the way k8s/ expects.</summary>
public sealed partial class DockerfileTests
{
    private const string HostProject = "src/Orleans.Distill.Host/Orleans.Distill.Host.csproj";
    private const int HttpPort = 8080;

    private readonly IReadOnlyList<DockerfileInstruction> _all = DockerfileInstructions.Parse(File.ReadAllText(RepositoryRoot.Combine("Dockerfile")));

    private IReadOnlyList<DockerfileInstruction> Final => DockerfileInstructions.FinalStage(_all);

    private Dictionary<string, string> FinalEnv => DockerfileInstructions.Environment(Final);

    [Fact]
    public void Stages_BuildOnTheSdk_AndRunOnAspNet()
    {
        var images = _all.Where(i => i.Keyword == "FROM").Select(Image).ToList();
        Assert.True(images.Count >= 2, $"Dockerfile: {images.Count} FROM stage(s); expected a build stage and a runtime stage");

        const string sdk = "mcr.microsoft.com/dotnet/sdk:";
        const string aspnet = "mcr.microsoft.com/dotnet/aspnet:";
        Assert.True(images[0].StartsWith(sdk, StringComparison.Ordinal), $"Dockerfile: the first stage is FROM {images[0]}, expected {sdk}<version>");
        Assert.True(images[^1].StartsWith(aspnet, StringComparison.Ordinal), $"Dockerfile: the final stage is FROM {images[^1]}, expected {aspnet}<version>");

        // Both images carry the .NET version the projects target (net10.0 -> 10.0).
        var framework = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework["net".Length..];
        foreach (var image in new[] { images[0], images[^1] })
        {
            Assert.True(image[(image.IndexOf(':') + 1)..].StartsWith(version, StringComparison.Ordinal), $"Dockerfile: FROM {image} does not match the target framework {framework}");
        }
    }

    [Fact]
    public void Publish_BuildsTheHostProjectTheReadmeRuns()
    {
        var publish = _all.Where(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).ToList();
        Assert.True(publish.Count == 1, $"Dockerfile: {publish.Count} RUN lines call dotnet publish; expected one");

        var project = publish[0].Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.True(project == HostProject, $"Dockerfile line {publish[0].Line}: dotnet publish builds '{project}', expected '{HostProject}'");
        Assert.True(File.Exists(RepositoryRoot.Combine(HostProject)), $"{HostProject} does not exist");

        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var folder = HostProject[..HostProject.LastIndexOf('/')];
        Assert.True(readme.Contains($"dotnet run --project {folder}", StringComparison.Ordinal), $"README.md does not run 'dotnet run --project {folder}', the project the Dockerfile publishes");
    }

    [Fact]
    public void Entrypoint_AndHealthcheck_RunTheHostAssembly()
    {
        var csproj = XDocument.Load(RepositoryRoot.Combine(HostProject));
        var assembly = (csproj.Descendants("AssemblyName").LastOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(HostProject)) + ".dll";

        foreach (var keyword in new[] { "ENTRYPOINT", "HEALTHCHECK" })
        {
            var instruction = Final.LastOrDefault(i => i.Keyword == keyword);
            Assert.True(instruction is not null, $"Dockerfile: the final stage has no {keyword}");
            Assert.True(instruction.Arguments.Contains($"\"{assembly}\"", StringComparison.Ordinal), $"Dockerfile line {instruction.Line}: {keyword} {instruction.Arguments} does not run {assembly}");
        }
    }

    [Fact]
    public void Runtime_RunsAsANonRootUser()
    {
        var user = Final.LastOrDefault(i => i.Keyword == "USER");
        Assert.True(user is not null, "Dockerfile: the final stage has no USER, so the host runs as root");
        var name = user.Arguments.Split(':')[0];
        Assert.True(name is not ("root" or "0" or ""), $"Dockerfile line {user.Line}: USER {user.Arguments} is root");
    }

    [Fact]
    public void Runtime_UsesServerGc()
    {
        Assert.True(FinalEnv.TryGetValue("DOTNET_gcServer", out var gc) && gc == "1", $"Dockerfile: the final stage sets DOTNET_gcServer to '{gc}', expected '1'");
    }

    [Fact]
    public void Runtime_ListensOn8080_AndExposesIt()
    {
        Assert.True(FinalEnv.TryGetValue("ASPNETCORE_URLS", out var urls), "Dockerfile: the final stage does not set ASPNETCORE_URLS");
        var uri = new Uri(urls.Split(';')[0].Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"));
        Assert.True(uri.Port == HttpPort, $"Dockerfile: ASPNETCORE_URLS is '{urls}', expected port {HttpPort}");
        Assert.True(uri.Host is "0.0.0.0" or "[::]", $"Dockerfile: ASPNETCORE_URLS is '{urls}'; in a container it has to listen on all interfaces, not loopback");

        var exposed = Final.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => p.Split('/')[0]).ToList();
        Assert.True(exposed.Contains(HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"Dockerfile: EXPOSE lists {string.Join(", ", exposed)}; expected {HttpPort}");
    }

    [Fact]
    public void Healthcheck_GetsHealthOn8080()
    {
        var check = Final.LastOrDefault(i => i.Keyword == "HEALTHCHECK");
        Assert.True(check is not null, "Dockerfile: the final stage has no HEALTHCHECK");
        Assert.True(Regex.IsMatch(check.Arguments, @"(^|\s)CMD\s"), $"Dockerfile line {check.Line}: HEALTHCHECK {check.Arguments} has no CMD");

        var url = Url().Match(check.Arguments);
        Assert.True(url.Success, $"Dockerfile line {check.Line}: HEALTHCHECK {check.Arguments} names no http:// URL");
        var uri = new Uri(url.Value);
        Assert.True(uri.Port == HttpPort && uri.AbsolutePath == "/health", $"Dockerfile line {check.Line}: HEALTHCHECK targets {uri}, expected /health on port {HttpPort}");
        Assert.True(uri.IsLoopback, $"Dockerfile line {check.Line}: HEALTHCHECK targets {uri}; it runs inside the container, so it should use the loopback address");
    }

    [Fact]
    public void Runtime_KeepsDataInAFolderTheUserOwns()
    {
        Assert.True(FinalEnv.TryGetValue("Distill__Storage__DataDirectory", out var data), "Dockerfile: the final stage does not set Distill__Storage__DataDirectory");
        var user = Final.LastOrDefault(i => i.Keyword == "USER")?.Arguments.Split(':')[0];
        Assert.True(
            Final.Any(i => i.Keyword == "RUN" && i.Arguments.Contains("chown", StringComparison.Ordinal) && i.Arguments.Contains($"{user}:", StringComparison.Ordinal) && i.Arguments.Contains(data, StringComparison.Ordinal)),
            $"Dockerfile: no RUN in the final stage gives {data} (Distill__Storage__DataDirectory) to the user '{user}'");
    }

    /// <summary>The image of a FROM instruction, past any --platform flag.</summary>
    private static string Image(DockerfileInstruction from) =>
        from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => !w.StartsWith("--", StringComparison.Ordinal));

    [GeneratedRegex(@"https?://[^""\s\]]+")]
    private static partial Regex Url();
}
