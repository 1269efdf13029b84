namespace Orleans.Distill.Host.Hosting;

/// <summary>Where metrics and traces go. Bound from <c>Distill:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Distill:Telemetry";

    /// <summary>
    /// <c>console</c> (the default: metrics printed every <see cref="ConsoleIntervalSeconds"/>), <c>otlp</c> (to the
    /// collector in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <see cref="OtlpEndpoint"/>) or <c>none</c>.
    /// </summary>
    public string Exporter { get; set; } = "console";

    public string? OtlpEndpoint { get; set; }

    public int ConsoleIntervalSeconds { get; set; } = 60;

    /// <summary>Share of traces kept. Every grain call is an activity: keeping all of them costs more than the calls.</summary>
    public double TraceSampleRatio { get; set; } = 0.001;
}
