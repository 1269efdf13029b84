using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Detection;

public static class DetectionSiloBuilderExtensions
{
    /// <summary>
    /// The detection side of a silo: hub rules and scoring options for the grains, and the background rebuild of
    /// changed components. Options are validated here, so a bad setting stops the silo with a message naming it.
    /// </summary>
    public static ISiloBuilder AddDistillDetection(
        this ISiloBuilder silo, DetectionOptions detection, ScoringOptions scoring, GraphOptions graph)
    {
        detection.Validate();
        scoring.Validate();
        graph.Validate();
        silo.Services.AddSingleton(Options.Create(detection));
        silo.Services.AddSingleton(Options.Create(scoring));
        silo.Services.TryAddSingleton(Options.Create(graph));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<ComponentRebuilder>();
        if (detection.RunRebuilds)
        {
            silo.Services.AddHostedService<RebuildService>();
        }

        return silo;
    }
}
