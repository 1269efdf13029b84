using System.Text;
using Orleans.Distill.Benchmarks.Risk;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// What one connection sends: risk checks from the risk bench's signup mix (ring, known and never-seen values), and,
/// in <paramref name="eventsPercent"/> of requests, a small batch of fresh usage on known accounts. One per
/// connection, so no connection waits on another's random numbers.
/// </summary>
/// <param name="idBase">Where this connection's event ids start: ids must not repeat across connections or phases, or
/// the host would answer them as duplicates and skip the work.</param>
public sealed class ConnectionMix(RiskGraph graph, int connection, int eventsPercent, long idBase, string riskKey, string ingestKey)
{
    public const string RiskCheck = "POST /v1/risk/signup";
    public const string EventPost = "POST /v1/events";
    public const int EventsPerPost = 10;

    private readonly Random _random = new(connection);
    private readonly SignupMix _signups = new(graph, seed: connection + 1);
    private long _events;

    /// <summary>A connection that sends its next request once its last is answered calls this from one loop only.</summary>
    public ConnectionRequest Next()
    {
        if (eventsPercent > 0 && _random.Next(100) < eventsPercent)
        {
            var lines = new StringBuilder(EventsPerPost * 200);
            for (var i = 0; i < EventsPerPost; i++)
            {
                lines.Append(graph.FreshUsage(idBase + _events++, _random)).Append('\n');
            }

            return new ConnectionRequest(EventPost, "/v1/events", Encoding.UTF8.GetBytes(lines.ToString()), "application/x-ndjson", ingestKey);
        }

        var signup = _signups.Next();
        return new ConnectionRequest(RiskCheck, signup.Path, signup.JsonBody!, "application/json", riskKey);
    }
}
