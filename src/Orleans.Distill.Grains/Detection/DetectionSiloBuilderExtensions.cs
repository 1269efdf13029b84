using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Retention;

namespace Orleans.Distill.Detection;

public static class DetectionSiloBuilderExtensions
{
    /// <summary>
    /// The background rebuild of changed components (re-scoring, splits) and the retention sweeps on this silo. Its options come from
    /// <c>AddDistillGraph</c>; <c>Distill:Detection:RunRebuilds</c> = false leaves the work to other silos.
    /// </summary>
    public static ISiloBuilder AddDistillDetection(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ComponentRebuilder>();
        silo.Services.AddHostedService<RebuildService>();
        silo.Services.AddSingleton<RetentionSweeper>();
        silo.Services.AddHostedService<RetentionService>();
        return silo;
    }
}
