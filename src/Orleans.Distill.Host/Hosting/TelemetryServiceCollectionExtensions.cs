using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Distill.Telemetry;

namespace Orleans.Distill.Host.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Orleans' meter and activity sources, ASP.NET Core's, and Orleans.Distill's own, to the configured exporter.</summary>
    public static IServiceCollection AddDistillTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        if (options.Exporter == "none")
        {
            return services;
        }

        var otlp = options.Exporter == "otlp";
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleans-distill"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", DistillTelemetry.Name);
                if (otlp)
                {
                    metrics.AddOtlpExporter(o => Endpoint(o, options));
                }
                else
                {
                    metrics.AddConsoleExporter((_, reader) =>
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.ConsoleIntervalSeconds * 1000);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.AspNetCore", DistillTelemetry.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter(o => Endpoint(o, options));
                }
                else
                {
                    tracing.AddConsoleExporter();
                }
            });
        return services;
    }

    private static void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions exporter, TelemetryOptions options)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            exporter.Endpoint = new Uri(endpoint);
        }
    }
}
