using Orleans.Distill.Host.Security;
using Orleans.Runtime;

namespace Orleans.Distill.Host.Api;

/// <summary><c>GET /v1/status/cluster</c>: the silos the cluster knows and how fast events are being applied.</summary>
public static class ClusterStatusApi
{
    public static IEndpointRouteBuilder MapClusterStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/status/cluster", GetClusterStatus).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> GetClusterStatus(IGrainFactory grains, IngestRate ingest)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        var silos = hosts
            .Select(h => new SiloModel(h.Key.ToParsableString(), h.Value.ToString().ToLowerInvariant()))
            .OrderBy(s => s.Address, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(new ClusterStatusModel(silos, new IngestRateModel(Math.Round(ingest.PerSecond(), 1), (int)IngestRate.Window.TotalSeconds)));
    }
}

public sealed record ClusterStatusModel(IReadOnlyList<SiloModel> Silos, IngestRateModel Ingest);

/// <summary>A silo's address and its membership status (<c>active</c>, <c>joining</c>, <c>shutting_down</c>, <c>dead</c>, ...).</summary>
public sealed record SiloModel(string Address, string Status);

public sealed record IngestRateModel(double EventsPerSecond, int WindowSeconds);
