using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Host.AnalystConsole;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Hosting;
using Orleans.Distill.Storage;

namespace Orleans.Distill.Host.Hosting;

/// <summary>The one executable: an Orleans silo and the HTTP API in one process.</summary>
public static partial class DistillHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Short command-line switches for the settings people change most.</summary>
    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--data"] = "Distill:Storage:DataDirectory",
        ["--storage"] = "Distill:Storage:Kind",
        ["--connection"] = "Distill:Storage:ConnectionString",
        ["--silo-port"] = "Distill:Silo:SiloPort",
        ["--gateway-port"] = "Distill:Silo:GatewayPort",
        ["--keys"] = "Distill:Auth:KeysFile",
    };

    /// <summary>
    /// Builds the host. <paramref name="configure"/> runs last on the builder: an embedding process (a test, a
    /// bench) adds its own logging or services there.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings ship beside the binary; the working directory is only where ./data goes.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var configuration = builder.Configuration;
        // Which storage and clustering to wire up must be known now; everything else is validated when the host starts.
        var storage = Bind<DistillStorageOptions>(configuration, DistillStorageOptions.Section);
        var silo = new DistillSiloOptionsValidator().ThrowIfInvalid(Bind<DistillSiloOptions>(configuration, DistillSiloOptions.Section));
        var dashboard = configuration.GetValue("Distill:Dashboard:Enabled", true);

        builder.Services.AddDistillGraph(configuration);
        builder.Services.AddDistillApiKeys(configuration);
        builder.Services.AddDistillTrustedProxies(configuration);
        builder.Services.AddSingleton<LoopbackGate>();
        builder.Services.AddDistillConsole(configuration);
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<IngestOptions>>((kestrel, ingest) => kestrel.Limits.MaxRequestBodySize = ingest.Value.MaxBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));

        var clustering = silo.ClusteringOf(storage.Kind);
        var postgres = Bind<PostgresGrainStorageOptions>(configuration, DistillStorageOptions.Section);
        var healthChecks = builder.Services.AddHealthChecks();
        builder.UseOrleans(siloBuilder =>
        {
            ConfigureClustering(siloBuilder, clustering, silo, postgres);
            siloBuilder.UseDistillTls(configuration);
            siloBuilder.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Distill:Membership"));
            siloBuilder.Services.Configure<SiloMessagingOptions>(configuration.GetSection("Distill:Messaging"));
            siloBuilder.AddActivityPropagation();
            siloBuilder.AddDistillDetection();
            switch (storage.Kind)
            {
                case "memory":
                    siloBuilder.AddDistillMemoryStorage(StorageNames.Graph);
                    break;
                case "sqlite":
                    siloBuilder.AddDistillSqliteStorage(StorageNames.Graph, o => configuration.GetSection(DistillStorageOptions.Section).Bind(o));
                    break;
                case "postgres":
                    siloBuilder.AddDistillPostgresStorage(StorageNames.Graph, postgres);
                    healthChecks.AddCheck<StorageHealthCheck>("postgres");
                    break;
                default:
                    throw new OptionsValidationException(DistillStorageOptions.Section, typeof(DistillStorageOptions),
                        [$"Distill:Storage:Kind (--storage) must be 'sqlite', 'postgres' or 'memory', not '{storage.Kind}'."]);
            }

            if (dashboard)
            {
                siloBuilder.AddDashboard();
            }
        });
        builder.Services.AddDistillTelemetry(new TelemetryOptionsValidator().ThrowIfInvalid(Bind<TelemetryOptions>(configuration, TelemetryOptions.Section)));

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseDistillTrustedProxies();
        app.Use(app.Services.GetRequiredService<LoopbackGate>().InvokeAsync);
        app.UseDistillErrorAnswers();
        app.UseCardNumberRefusal();
        app.UseAuthentication();
        app.UseDistillConsole();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapDistillApi();
        app.MapEvidenceApi();
        if (dashboard)
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(ApiPolicies.Admin);
        }

        return app;
    }

    /// <summary>
    /// Builds the host and runs it until it is stopped. With PostgreSQL, the database is checked (and the schema
    /// applied) first: if it cannot be used, one line says why and the process exits with 2 before any silo starts.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception e) when (e is ArgumentException || StartupFailures(e).Count > 0)
        {
            // A setting that makes no sense: say which, without a stack trace.
            await Console.Error.WriteLineAsync($"Orleans.Distill cannot start: {(e is ArgumentException ? e.Message : string.Join("; ", StartupFailures(e)))}");
            return 2;
        }

        try
        {
            // What the host would check as it starts, checked first: the host would log it with a stack trace.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception e) when (StartupFailures(e) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync($"Orleans.Distill cannot start: {string.Join("; ", failures)}");
            await app.DisposeAsync();
            return 2;
        }

        // Without keys anyone who reaches the port may do anything, a benign mark on a ring's own card included. --urls
        // beyond loopback is refused before anything starts; where the server did bind is judged once it has.
        var keyless = Bind<AuthOptions>(app.Configuration, AuthOptions.Section).KeysFile is null;
        if (keyless && ListeningGuard.BeyondLoopback(ConfiguredUrls(app.Configuration)) is { } configured)
        {
            await RefuseBeyondLoopbackAsync(configured);
            await app.DisposeAsync();
            return 2;
        }

        var storage = Bind<DistillStorageOptions>(app.Configuration, DistillStorageOptions.Section);
        if (storage.Kind == "postgres")
        {
            var options = Bind<PostgresGrainStorageOptions>(app.Configuration, DistillStorageOptions.Section);
            if (await PostgresPreflight.CheckAsync(options, app.Lifetime.ApplicationStopping) is { } problem)
            {
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Distill.Host");
                LogCannotStart(logger, problem);
                // Disposing flushes the console logger, which writes on a thread of its own.
                await app.DisposeAsync();
                return 2;
            }
        }

        // Kestrel:Endpoints, for one, overrides --urls: the addresses bound are the ones that count.
        var gate = app.Services.GetRequiredService<LoopbackGate>();
        if (keyless)
        {
            gate.Hold();
        }

        try
        {
            await app.StartAsync();
            if (keyless && ListeningGuard.BeyondLoopback(app.Urls) is { } bound)
            {
                await RefuseBeyondLoopbackAsync(bound);
                await app.StopAsync();
                return 2;
            }

            gate.Open();
            await app.WaitForShutdownAsync();
            return 0;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Where the server is told to listen by <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), or by default.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration) =>
        (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task RefuseBeyondLoopbackAsync(string url) => Console.Error.WriteLineAsync(
        $"Orleans.Distill cannot start: {url} listens beyond loopback without API keys; create one with 'Orleans.Distill.Cli keys add NAME --role admin --file keys.json' and start with --keys keys.json");

    private static List<string> StartupFailures(Exception e) => e switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException many => [.. many.InnerExceptions.SelectMany(StartupFailures)],
        // The configuration binder's word for a value of the wrong form ("50ms" for a TimeSpan); it names the setting.
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [message],
        _ => [],
    };

    private static void ConfigureClustering(ISiloBuilder siloBuilder, string clustering, DistillSiloOptions silo, PostgresGrainStorageOptions postgres)
    {
        switch (clustering)
        {
            case "localhost":
                siloBuilder.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                return;
            case "postgres":
                siloBuilder.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", postgres.ConnectionString));
                siloBuilder.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (silo.ServiceId, silo.ClusterId));
                siloBuilder.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: true);
                return;
            case "kubernetes":
                // Identity, address and cluster ids come from the pod (downward API); membership is still the table.
                siloBuilder.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", postgres.ConnectionString));
                siloBuilder.ConfigureEndpoints(silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: true);
                siloBuilder.UseKubernetesHosting();
                return;
            default:
                throw new OptionsValidationException(DistillSiloOptions.Section, typeof(DistillSiloOptions),
                    [$"Distill:Silo:Clustering must be 'localhost', 'postgres' or 'kubernetes', not '{clustering}'."]);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Orleans.Distill cannot start: {Problem}")]
    private static partial void LogCannotStart(ILogger logger, string problem);

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
