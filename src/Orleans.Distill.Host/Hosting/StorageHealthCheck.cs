using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Orleans.Distill.Host.Hosting;

/// <summary>
/// A silo that has lost its database cannot acknowledge a single event: it reports unhealthy, so a load balancer
/// or Kubernetes stops sending it traffic until the database is back.
/// </summary>
public sealed class StorageHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL unreachable: {e.Message}");
        }
    }
}
