using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Distill.Telemetry;

/// <summary>
/// Orleans.Distill's own meter and activity source, beside Orleans' (<c>Microsoft.Orleans</c>). Static, as
/// <see cref="Meter"/>s are meant to be: one per process, exported by whatever listener the host configures.
/// </summary>
public static class DistillTelemetry
{
    public const string Name = "Orleans.Distill";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> EventsIngested = Meter.CreateCounter<long>("distill.events.ingested", "{event}", "Events applied to the graph (duplicates not counted).");

    public static readonly Counter<long> EventsRejected = Meter.CreateCounter<long>("distill.events.rejected", "{event}", "Event lines rejected as malformed.");

    public static readonly Counter<long> ComponentsMerged = Meter.CreateCounter<long>("distill.components.merged", "{component}", "Components absorbed into another by a merge.");

    public static readonly Counter<long> ComponentsSplit = Meter.CreateCounter<long>("distill.components.split", "{component}", "Components split into pieces.");

    public static readonly Counter<long> HubsOwned = Meter.CreateCounter<long>("distill.hubs.owned", "{entity}", "Entities past their hub threshold judged one operator's, which glue again.");

    public static readonly Counter<long> ApiErrors = Meter.CreateCounter<long>("distill.api.errors", "{request}", "Requests answered 500 (a bug) or 503 (send again), by status, route and exception type.");

    public static readonly Counter<long> RiskChecks = Meter.CreateCounter<long>("distill.risk.checks", "{check}", "Risk checks answered, by check, decision and whether degraded (answered from part of the graph).");

    public static readonly Histogram<double> RiskCheckDuration = Meter.CreateHistogram<double>("distill.risk.check.duration", "ms", "Time to answer a risk check.");
}
