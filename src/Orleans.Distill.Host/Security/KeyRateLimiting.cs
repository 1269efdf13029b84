using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Distill.Host.Api;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// ASP.NET Core's rate limiter, one token bucket per key, sized by its role. Past it a call answers <c>429</c> with
/// <c>Retry-After</c>. Without keys (loopback) nothing is limited: there is no one to tell apart.
/// </summary>
public static class KeyRateLimiting
{
    public static IServiceCollection AddDistillRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AuthOptions>>((limiter, auth) =>
        {
            var limits = auth.Value.RateLimits;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var role = context.User.FindFirstValue(ClaimTypes.Role);
                var name = context.User.Identity?.Name;
                if (name is null || name == ApiKeyAuthenticationHandler.LoopbackOperator || role is null || !limits.TryGetValue(role, out var limit))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                return RateLimitPartition.GetTokenBucketLimiter($"key:{name}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit.Burst,
                    TokensPerPeriod = limit.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellation) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(
                    new ErrorResponse($"the key '{rejected.HttpContext.User.Identity?.Name}' is over its rate limit; send the same request again in {seconds} s", "authorization"),
                    cancellation);
            };
        });
        return services.AddRateLimiter(_ => { });
    }
}
