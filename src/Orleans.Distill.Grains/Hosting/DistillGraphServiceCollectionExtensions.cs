using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Distill.Actions;
using Orleans.Distill.Audit;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Retention;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Hosting;

public static class DistillGraphServiceCollectionExtensions
{
    /// <summary>
    /// The graph's options, bound from <paramref name="configuration"/> and validated when the host starts (a bad
    /// value stops it with one line naming the setting), and the services that drive the grains from outside them:
    /// the event parser, the ingest pipeline, the queries and the analysts' actions. Silos and clients alike call it,
    /// so each runs on the same settings; it needs an <see cref="IGrainFactory"/> registered beside it.
    /// </summary>
    public static IServiceCollection AddDistillGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KeyOptions, KeyOptionsValidator>(configuration, KeyOptions.Section);
        services.AddValidatedOptions<IngestOptions, IngestOptionsValidator>(configuration, IngestOptions.Section);
        services.AddValidatedOptions<GraphOptions, GraphOptionsValidator>(configuration, GraphOptions.Section);
        services.AddValidatedOptions<DetectionOptions, DetectionOptionsValidator>(configuration, DetectionOptions.Section);
        services.AddValidatedOptions<ScoringOptions, ScoringOptionsValidator>(configuration, ScoringOptions.Section);
        services.AddValidatedOptions<RiskOptions, RiskOptionsValidator>(configuration, RiskOptions.Section);
        services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(configuration, RetentionOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EventParser(
            sp.GetRequiredService<IOptions<KeyOptions>>().Value, sp.GetRequiredService<IOptions<IngestOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IngestPipeline>();
        services.TryAddSingleton<GraphQueries>();
        services.TryAddSingleton<RiskQueries>();
        services.TryAddSingleton<EvidenceQueries>();
        services.TryAddSingleton<AnalystActions>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<ReviewQueue>();
        services.TryAddSingleton<ReviewLookups>();
        return services;
    }

    /// <summary>Options of one section, with the validator that checks them when the host starts.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }
}
