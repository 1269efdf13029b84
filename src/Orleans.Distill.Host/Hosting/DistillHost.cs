using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Distill.Actions;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;
using Orleans.Distill.Storage;

namespace Orleans.Distill.Host.Hosting;

/// <summary>The one executable: an Orleans silo and the HTTP API in one process.</summary>
public static class DistillHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Short command-line switches for the settings people change most.</summary>
    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--data"] = "Distill:Storage:DataDirectory",
        ["--storage"] = "Distill:Storage:Kind",
        ["--silo-port"] = "Distill:Silo:SiloPort",
        ["--gateway-port"] = "Distill:Silo:GatewayPort",
    };

    public static WebApplication Build(string[] args)
    {
        // Settings ship beside the binary; the working directory is only where ./data goes.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var configuration = builder.Configuration;
        var keys = Bind<KeyOptions>(configuration, KeyOptions.Section);
        keys.Validate();
        var ingest = Bind<IngestOptions>(configuration, IngestOptions.Section);
        var graph = Bind<GraphOptions>(configuration, GraphOptions.Section);
        graph.Validate();
        var storage = Bind<DistillStorageOptions>(configuration, DistillStorageOptions.Section);
        var silo = Bind<DistillSiloOptions>(configuration, DistillSiloOptions.Section);
        var detection = Bind<DetectionOptions>(configuration, DetectionOptions.Section);
        var scoring = Bind<ScoringOptions>(configuration, ScoringOptions.Section);

        builder.Services.AddSingleton(Options.Create(keys));
        builder.Services.AddSingleton(Options.Create(ingest));
        builder.Services.AddSingleton(Options.Create(graph));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new EventParser(keys, ingest, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<GraphQueries>();
        builder.Services.AddSingleton<RiskQueries>();
        builder.Services.AddSingleton<EvidenceQueries>();
        builder.Services.AddSingleton<AnalystActions>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ingest.MaxBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));

        builder.UseOrleans(siloBuilder =>
        {
            siloBuilder.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
            siloBuilder.AddDistillDetection(detection, scoring, graph);
            switch (storage.Kind)
            {
                case "memory":
                    siloBuilder.AddMemoryGrainStorage(StorageNames.Graph);
                    break;
                case "sqlite":
                    siloBuilder.AddDistillSqliteStorage(StorageNames.Graph, o => configuration.GetSection(DistillStorageOptions.Section).Bind(o));
                    break;
                default:
                    throw new OptionsValidationException(DistillStorageOptions.Section, typeof(DistillStorageOptions),
                        [$"Distill:Storage:Kind (--storage) must be 'sqlite' or 'memory', not '{storage.Kind}'."]);
            }
        });

        var app = builder.Build();
        app.MapDistillApi();
        app.MapEvidenceApi();
        return app;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
