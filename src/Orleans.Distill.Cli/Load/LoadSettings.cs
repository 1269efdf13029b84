using System.Net;

namespace Orleans.Distill.Cli.Load;

/// <param name="Rate">Requests per second of each open-loop run (the risk check, and /health beside it).</param>
/// <param name="Seconds">How long the risk check is measured while the second half of the events arrives.</param>
/// <param name="CatchUpSeconds">How long re-scoring may take to catch up after the last batch before it is reported behind.</param>
public sealed record LoadSettings(
    Uri Url, IPEndPoint Gateway, string ServiceId, string ClusterId, int Batch, int Producers, double Rate, double Seconds, double CatchUpSeconds);
