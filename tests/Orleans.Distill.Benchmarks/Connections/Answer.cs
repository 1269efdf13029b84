namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>What came back for one request: a status and its outcome, or a failure with no status at all.</summary>
/// <param name="Status">The HTTP status; 0 when no answer arrived.</param>
/// <param name="Outcome">For a 2xx, the decision (risk check) or "accepted" (events); otherwise the failure's kind.</param>
/// <param name="Detail">For a failure without a status, what went wrong (a socket error's name, for instance).</param>
/// <param name="RetryAfter">For a 429, whether it said when to try again.</param>
public readonly record struct Answer(int Status, string Outcome, bool Degraded = false, string? Detail = null, bool RetryAfter = false)
{
    public const string NonSuccess = "non-2xx";
    public const string Socket = "socket";
    public const string Timeout = "timeout";
    public const string Other = "other";

    public bool Succeeded => Status is >= 200 and < 300;
}
