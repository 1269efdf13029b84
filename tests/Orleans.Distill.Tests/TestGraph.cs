using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Distill.Detection;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests;

/// <summary>The options the test silos run with, and the client-side services built on them.</summary>
public static class TestGraph
{
    public static IOptions<GraphOptions> Graph { get; } = Options.Create(new GraphOptions { IndexPartitions = 4 });

    /// <summary>Defaults, but re-scored with no wait, so tests converge quickly.</summary>
    public static IOptions<DetectionOptions> Detection { get; } = Options.Create(new DetectionOptions
    {
        RescoreDelay = TimeSpan.FromMilliseconds(20),
        RescoreDelayPerAccount = TimeSpan.Zero,
    });

    public static IOptions<ScoringOptions> Scoring { get; } = Options.Create(new ScoringOptions());

    public static ISiloBuilder AddTestDetection(this ISiloBuilder silo) =>
        silo.AddDistillDetection(Detection.Value, Scoring.Value, Graph.Value);

    public static IngestPipeline Pipeline(IGrainFactory grains) =>
        new(grains, Graph, Detection, NullLogger<IngestPipeline>.Instance);

    public static GraphQueries Queries(IGrainFactory grains) => new(grains, Graph, Detection, Scoring);

    public static RiskQueries Risk(IGrainFactory grains) => new(grains, Graph, Detection, Scoring);
}
