using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Distill.Detection;

public static class DetectionSiloBuilderExtensions
{
    /// <summary>
    /// The background rebuild of changed components (re-scoring, splits) on this silo. Its options come from
    /// <c>AddDistillGraph</c>; <c>Distill:Detection:RunRebuilds</c> = false leaves the work to other silos.
    /// </summary>
    public static ISiloBuilder AddDistillDetection(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ComponentRebuilder>();
        silo.Services.AddHostedService<RebuildService>();
        return silo;
    }
}
