namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>The terminal tables of the connections bench; every ratio is against the first phase, measured in the same run.</summary>
public static class ConnectionsReport
{
    private const double MiB = 1024.0 * 1024;

    public static void PrintPhases(IReadOnlyList<PhaseResult> phases, IReadOnlyDictionary<string, Dictionary<string, int>> hostLog)
    {
        var baseline = phases[0];
        Console.WriteLine();
        Console.WriteLine($"{"connections",11} {"opened",7} {"held",11} {"queued",6} {"connects",8} {"answers/s",9} {"2xx/s",8} " +
            $"{"p50 ms",8} {"p99 ms",8} {"p99.9 ms",9} {"max ms",8} {"x answers/s",11} {"x p99",7}");
        foreach (var phase in phases)
        {
            var samples = phase.Samples;
            Console.WriteLine($"{phase.Connections,11:N0} {phase.Opened,7:N0} {Held(samples),11} {Count(samples?.QueuedMax),6} {phase.Connects,8:N0} " +
                $"{phase.AnswersPerSecond,9:N0} {phase.SucceededPerSecond,8:N0} {Ms(phase.Percentile(50)),8} {Ms(phase.Percentile(99)),8} " +
                $"{Ms(phase.Percentile(99.9)),9} {Ms(phase.MaxMs),8} {Ratio(phase.AnswersPerSecond, baseline.AnswersPerSecond),11} " +
                $"{Ratio(phase.Percentile(99), baseline.Percentile(99)),7}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"connections",11} {"sent",9} {"2xx",9} {"degraded",8} {"non-2xx",8} {"socket",7} {"timeout",7} {"other",6} " +
            $"{"allow",9} {"review",8} {"deny",8} {"accepted",8}");
        foreach (var phase in phases)
        {
            Console.WriteLine($"{phase.Connections,11:N0} {phase.Sent,9:N0} {phase.Succeeded,9:N0} {phase.Degraded,8:N0} " +
                $"{phase.FailuresOfKind(Answer.NonSuccess),8:N0} {phase.FailuresOfKind(Answer.Socket),7:N0} {phase.FailuresOfKind(Answer.Timeout),7:N0} " +
                $"{phase.FailuresOfKind(Answer.Other),6:N0} {Outcome(phase, "allow"),9:N0} {Outcome(phase, "review"),8:N0} {Outcome(phase, "deny"),8:N0} " +
                $"{Outcome(phase, "accepted"),8:N0}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"connections",11} {"host WS before",14} {"host WS peak",12} {"GC heap before",14} {"GC heap peak",12} " +
            $"{"host cores",10} {"bench cores",11} {"load avg",8}");
        foreach (var phase in phases)
        {
            var samples = phase.Samples;
            Console.WriteLine($"{phase.Connections,11:N0} {MiBOf(phase.Before?.WorkingSetBytes),14} {MiBOf(samples?.WorkingSetMax),12} " +
                $"{MiBOf(phase.Before?.GcHeapBytes),14} {MiBOf(samples?.GcHeapMax),12} {Cores(samples?.HostCores),10} {Cores(samples?.BenchCores),11} " +
                $"{samples?.LoadAverage ?? "-",8}");
        }

        Console.WriteLine();
        foreach (var phase in phases)
        {
            PrintDetails(phase, hostLog.GetValueOrDefault(phase.Name));
        }
    }

    public static void PrintLimited(PhaseResult limited, int limit, Dictionary<string, int>? hostLog)
    {
        var refused = limited.Failures.GetValueOrDefault("HTTP 429");
        var otherNon2xx = limited.FailuresOfKind(Answer.NonSuccess) - refused;
        Console.WriteLine();
        Console.WriteLine($"over the limit: {limited.Connections:N0} connections on one key limited to {limit:N0}/s (burst {limit:N0}), " +
            $"back to back for {limited.Window.TotalSeconds:N0} s");
        Console.WriteLine($"  opened {limited.Opened:N0}, held {Held(limited.Samples)}, connects {limited.Connects:N0}; answers {limited.AnswersPerSecond:N0}/s, " +
            $"2xx {limited.SucceededPerSecond:N1}/s (limit {limit:N0}/s)");
        Console.WriteLine($"  sent {limited.Sent:N0}: 2xx {limited.Succeeded:N0}, 429 {refused:N0} " +
            $"({(limited.RefusedWithoutRetryAfter == 0 ? "every one with Retry-After" : $"{limited.RefusedWithoutRetryAfter:N0} without Retry-After")}), " +
            $"other non-2xx {otherNon2xx:N0}, socket errors {limited.FailuresOfKind(Answer.Socket):N0}, timeouts {limited.FailuresOfKind(Answer.Timeout):N0}, " +
            $"other {limited.FailuresOfKind(Answer.Other):N0}");
        Console.WriteLine($"  latency p50 / p99 / max: 2xx {Ms(limited.Percentile("2xx", 50))} / {Ms(limited.Percentile("2xx", 99))} ms, " +
            $"429 {Ms(limited.Percentile("HTTP 429", 50))} / {Ms(limited.Percentile("HTTP 429", 99))} / {Ms(MaxOf(limited, "HTTP 429"))} ms");
        Console.WriteLine(OnlyRefused(limited)
            ? "  past the limit the host answered 429 and nothing else: no other status, no socket error, no timeout"
            : "  past the limit the host answered something other than 200 or 429: see the failures below");
        PrintDetails(limited, hostLog);
    }

    /// <summary>True when every failure of the phase was a 429.</summary>
    public static bool OnlyRefused(PhaseResult phase) => phase.Failures.All(f => f.Key == "HTTP 429");

    private static void PrintDetails(PhaseResult phase, Dictionary<string, int>? hostLog)
    {
        if (phase.Failures.Count > 0)
        {
            Console.WriteLine($"failures, {phase.Name}: " +
                string.Join(", ", phase.Failures.OrderByDescending(f => f.Value).Take(6).Select(f => $"{f.Key} × {f.Value:N0}")));
        }

        if (phase.Samples is { StatusFailures: > 0 } samples)
        {
            Console.WriteLine($"  {samples.StatusFailures} of {samples.Count} GET /v1/status samples did not answer: the memory maxima leave them out");
        }

        foreach (var (header, count) in (hostLog ?? []).OrderByDescending(h => h.Value).Take(5))
        {
            Console.WriteLine($"host logged, {phase.Name}: {count:N0} × {header}");
        }
    }

    private static double MaxOf(PhaseResult phase, string answer) => phase.Percentile(answer, 100);

    private static long Outcome(PhaseResult phase, string outcome) => phase.Outcomes.Where(o => o.Key.Outcome == outcome).Sum(o => o.Value);

    private static string Held(PhaseSamples? samples) =>
        samples is null || samples.HeldMax < 0 ? "n/a" : samples.HeldMin == samples.HeldMax ? $"{samples.HeldMax:N0}" : $"{samples.HeldMin:N0}-{samples.HeldMax:N0}";

    private static string Count(int? value) => value is null or < 0 ? "n/a" : value.Value.ToString("N0");

    private static string MiBOf(long? bytes) => bytes is null or <= 0 ? "-" : (bytes.Value / MiB).ToString("N0") + " MiB";

    private static string Cores(double? cores) => cores is null ? "-" : cores.Value.ToString("0.00");

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00");

    private static string Ratio(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline <= 0 ? "-" : (value / baseline).ToString("0.00") + "x";
}
