namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>One phase: how many connections, how they send, for how long.</summary>
/// <param name="Rate">Requests per second over all connections; 0 sends each connection's next request as soon as its last is answered.</param>
/// <param name="MixOf">The requests connection i sends.</param>
public sealed record PhasePlan(
    string Name, int Connections, double Rate, TimeSpan WarmUp, TimeSpan Window, TimeSpan Timeout, Func<int, ConnectionMix> MixOf);
