using System.Globalization;
using Orleans.Distill.Security;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// A keys file made with the project's own key code, so authentication and the per-key rate limiter are on every
/// measured request's path, as they are in a deployment.
/// </summary>
public sealed class BenchKeys : IDisposable
{
    /// <summary>High enough that no measured phase comes near it: those phases measure connection handling, not the limiter's refusals.</summary>
    public const int Unlimited = 1_000_000;

    private readonly string _folder;

    private BenchKeys(string folder, string file, string risk, string ingest, string admin, string limited, int limit)
    {
        _folder = folder;
        File = file;
        Risk = risk;
        Ingest = ingest;
        Admin = admin;
        Limited = limited;
        Limit = limit;
    }

    public string File { get; }

    /// <summary>The signup flow's key (role risk): every measured risk check.</summary>
    public string Risk { get; }

    /// <summary>The event producer's key (role ingest): the seed graph and the event posts of the mix.</summary>
    public string Ingest { get; }

    /// <summary>The bench's own reads (role admin): scores, backlog, memory.</summary>
    public string Admin { get; }

    /// <summary>
    /// A key of the analyst role, which may call the risk checks too, and whose limit is set to <see cref="Limit"/>:
    /// limits are per role, so a second role is how one host holds a limited key beside the unlimited ones.
    /// </summary>
    public string Limited { get; }

    public int Limit { get; }

    public static BenchKeys Create(int limit)
    {
        var folder = Path.Combine(Path.GetTempPath(), "distill-bench-keys-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "keys.json");
        var file = ApiKeyFile.Load(path);
        var now = DateTime.UtcNow;
        var keys = new BenchKeys(folder, path,
            file.Add("signup-flow", ApiKeyRole.Risk, now).Key,
            file.Add("event-producer", ApiKeyRole.Ingest, now).Key,
            file.Add("bench-admin", ApiKeyRole.Admin, now).Key,
            file.Add("limited-flow", ApiKeyRole.Analyst, now).Key,
            limit);
        file.Save(path);
        return keys;
    }

    /// <summary>The host's arguments: this keys file, and each role's token bucket.</summary>
    public IReadOnlyList<string> HostArguments() =>
    [
        "--keys", File,
        .. Bucket("risk", Unlimited), .. Bucket("ingest", Unlimited), .. Bucket("analyst", Limit),
    ];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] Bucket(string role, int perSecond)
    {
        var value = perSecond.ToString(CultureInfo.InvariantCulture);
        return [$"--Distill:Auth:RateLimits:{role}:PermitsPerSecond={value}", $"--Distill:Auth:RateLimits:{role}:Burst={value}"];
    }
}
