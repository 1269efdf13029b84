using HdrHistogram;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>The terminal tables of the risk bench.</summary>
public static class RiskReport
{
    private static readonly string[] Decisions = ["allow", "review", "deny"];

    /// <summary><see cref="PostSeconds"/> counts only the time spent in <c>POST /v1/events</c>, not generating bodies.</summary>
    public sealed record Ingest(long Events, long Accepted, long Rejected, double PostSeconds, double WallSeconds);

    public static void PrintTop(TopComponents.Snapshot top, int rings)
    {
        var firstDeny = double.IsNaN(top.FirstDenySeconds) ? "never" : $"after {top.FirstDenySeconds:N1} s";
        Console.WriteLine($"denied components: {top.Denied} (rings in the graph: {rings}) after {top.WaitedSeconds:N1} s, first deny {firstDeny}; " +
            $"top {TopComponents.Shown} by score:" +
            (top.Error is null ? "" : $" (last poll failed: {top.Error})"));
        Console.WriteLine($"  {"id",-20} {"accounts",9} {"entities",9} {"score",6} {"decision",-8}  reasons");
        foreach (var row in top.Rows)
        {
            Console.WriteLine($"  {row.Id,-20} {row.Accounts,9:N0} {row.Entities,9:N0} {row.Score,6:0.000} {row.Decision,-8}  {row.Reasons}");
        }
    }

    public static void Print(RiskArguments args, Ingest ingest, LoadResult baseline, LoadResult risk, BackgroundIngest? background, long peakBytes, string machine)
    {
        Console.WriteLine();
        Console.WriteLine($"graph: {ingest.Events:N0} events ({ingest.Accepted:N0} accepted, {ingest.Rejected:N0} rejected) in {ingest.WallSeconds:N1} s, " +
            $"{ingest.Events / ingest.PostSeconds:N0} events/s over HTTP (batches of 5,000, SQLite synchronous=FULL)");
        Console.WriteLine($"open loop: {args.Rate:N0} requests/s for {args.Seconds:N0} s per endpoint; latency from each request's intended start " +
            "to its full response, errors included");
        Console.WriteLine($"machine before the measured runs: {machine}");
        Console.WriteLine();
        Console.WriteLine($"{"endpoint",-24} {"sent",8} {"errors",7} {"rate/s",8} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"p99.9 ms",9} {"max ms",8} {"in flight",9}");
        foreach (var run in new[] { baseline, risk })
        {
            Console.WriteLine($"{run.Name,-24} {run.Sent,8:N0} {run.Errors,7:N0} {run.AchievedRate,8:N0} {Ms(run.Percentile(50)),8} {Ms(run.Percentile(90)),8} " +
                $"{Ms(run.Percentile(99)),8} {Ms(run.Percentile(99.9)),9} {Ms(run.MaxMs),8} {run.MaxInFlight,9:N0}");
        }

        Console.WriteLine($"{"ratio risk / baseline",-24} {"",8} {"",7} {"",8} {Ratio(risk.Percentile(50), baseline.Percentile(50)),8} {"",8} " +
            $"{Ratio(risk.Percentile(99), baseline.Percentile(99)),8}" +
            (risk.Errors + baseline.Errors > 0 ? "   (runs with errors: compare with care)" : ""));

        Console.WriteLine();
        Console.WriteLine($"{"risk check by request",-24} {"sent",8} {"allow",8} {"review",8} {"deny",8} {"errors",8} {"p50 ms",8} {"p99 ms",8}");
        foreach (var kind in SignupMix.Kinds)
        {
            var counts = Decisions.Append(OpenLoopDriver.Error).Select(d => risk.Outcomes.GetValueOrDefault((kind, d))).ToList();
            var sent = risk.Outcomes.Where(o => o.Key.Kind == kind).Sum(o => o.Value);
            Console.WriteLine($"{kind,-24} {sent,8:N0} {counts[0],8:N0} {counts[1],8:N0} {counts[2],8:N0} {counts[3],8:N0} " +
                $"{Ms(risk.Percentile(kind, 50)),8} {Ms(risk.Percentile(kind, 99)),8}");
        }

        var total = Decisions.Append(OpenLoopDriver.Error).Select(d => risk.Outcomes.Where(o => o.Key.Outcome == d).Sum(o => o.Value)).ToList();
        Console.WriteLine($"{"all",-24} {risk.Completed,8:N0} {total[0],8:N0} {total[1],8:N0} {total[2],8:N0} {total[3],8:N0} " +
            $"{Ms(risk.Percentile(50)),8} {Ms(risk.Percentile(99)),8}");
        var other = risk.Outcomes.Where(o => !Decisions.Contains(o.Key.Outcome) && o.Key.Outcome != OpenLoopDriver.Error).Sum(o => o.Value);
        if (other > 0)
        {
            Console.WriteLine($"  {other:N0} 2xx responses had no allow/review/deny decision");
        }

        Console.WriteLine();
        foreach (var run in new[] { baseline, risk }.Where(r => r.Errors > 0))
        {
            Console.WriteLine($"errors, {run.Name}: " + string.Join(", ", run.ErrorsByCause.OrderByDescending(e => e.Value).Take(5).Select(e => $"{e.Key} × {e.Value:N0}")));
        }

        if (background is not null)
        {
            Console.WriteLine($"background ingest: target {args.IngestRate:N0} events/s, achieved {background.AchievedRate:N0} events/s " +
                $"({background.Accepted:N0} events in {background.Seconds:N1} s, batches of {BackgroundIngest.BatchSize}, {background.FailedBatches:N0} failed batches" +
                (background.FirstError is null ? ")" : $"; first error: {background.FirstError})"));
        }

        foreach (var run in new[] { baseline, risk })
        {
            var lag = run.SchedulerLag;
            Console.WriteLine($"send lag of the bench (included above), {run.Name}: p50 {lag.GetValueAtPercentile(50) / 1000.0:0.00} ms, " +
                $"p99 {lag.GetValueAtPercentile(99) / 1000.0:0.00} ms, max {lag.GetMaxValue() / 1000.0:0.00} ms");
        }

        Console.WriteLine($"peak working set (process: host and bench): {peakBytes / (1024.0 * 1024):N0} MiB");
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00");

    private static string Ratio(double risk, double baseline) =>
        double.IsNaN(risk) || double.IsNaN(baseline) || baseline <= 0 ? "-" : (risk / baseline).ToString(risk < baseline ? "0.00" : "0.0") + "x";
}
