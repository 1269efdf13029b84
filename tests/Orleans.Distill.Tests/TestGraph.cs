using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Distill.Detection;
using Orleans.Distill.Hosting;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Queries;

namespace Orleans.Distill.Tests;

/// <summary>
/// The settings the test silos run with, and the client-side services built on them, registered as the host
/// registers them (<c>AddDistillGraph</c>).
/// </summary>
public static class TestGraph
{
    /// <summary>
    /// Defaults, but four index partitions and re-scored with no wait, so tests converge quickly; and risk checks
    /// with the longest deadline allowed, since a busy test machine can miss the production 50 ms and most tests
    /// are about what a whole read decides.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Distill:Graph:IndexPartitions"] = "4",
        ["Distill:Detection:RescoreDelay"] = "00:00:00.020",
        ["Distill:Detection:RescoreDelayPerAccount"] = "00:00:00",
        ["Distill:Risk:Deadline"] = "00:00:10",
    };

    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(Settings).AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build();

    /// <summary>A silo of a test cluster: the graph's options and services, and the background rebuild.</summary>
    public static ISiloBuilder AddTestGraph(this ISiloBuilder silo, IConfiguration? configuration = null)
    {
        silo.Services.AddDistillGraph(configuration ?? Configuration());
        return silo.AddDistillDetection();
    }

    /// <summary>The services a client of the cluster uses, on <paramref name="grains"/>.</summary>
    public static IServiceProvider Services(IGrainFactory grains, IConfiguration? configuration = null) =>
        new ServiceCollection().AddLogging().AddSingleton(grains).AddDistillGraph(configuration ?? Configuration()).BuildServiceProvider();

    public static IngestPipeline Pipeline(IGrainFactory grains, IConfiguration? configuration = null) =>
        Services(grains, configuration).GetRequiredService<IngestPipeline>();

    public static GraphQueries Queries(IGrainFactory grains, IConfiguration? configuration = null) =>
        Services(grains, configuration).GetRequiredService<GraphQueries>();

    public static RiskQueries Risk(IGrainFactory grains, IConfiguration? configuration = null) =>
        Services(grains, configuration).GetRequiredService<RiskQueries>();

    /// <summary>Options as the services bound them from <paramref name="configuration"/>.</summary>
    public static T Options<T>(IConfiguration? configuration = null) where T : class =>
        new ServiceCollection().AddDistillGraph(configuration ?? Configuration()).BuildServiceProvider().GetRequiredService<IOptions<T>>().Value;

    public static DetectionOptions Detection => Options<DetectionOptions>();
}
