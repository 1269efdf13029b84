using System.Globalization;
using Spectre.Console;

namespace Orleans.Distill.Cli.Load;

/// <summary>The terminal summary of a load run: each figure beside its baseline, then what a reader needs to trust it.</summary>
public static class LoadTable
{
    public static void Print(LoadReport report)
    {
        var table = new Table().AddColumns("measure", "value", "baseline", "baseline value", "ratio");
        table.Columns[1].RightAligned();
        table.Columns[3].RightAligned();
        table.Columns[4].RightAligned();
        foreach (var c in report.Comparisons)
        {
            table.AddRow(Markup.Escape(c.Measure), Format(c.Value, c.Unit), Markup.Escape(c.Baseline), Format(c.BaselineValue, c.Unit),
                c.Ratio is { } r ? Ratio(r) : "-");
        }

        AnsiConsole.Write(table);
        var ingest = report.Ingest;
        var background = report.BackgroundIngest;
        AnsiConsole.MarkupLineInterpolated(
            $"{report.Accounts:N0} accounts, {report.Events:N0} events, {report.Links:N0} links; accepted {ingest.Accepted + background.Accepted:N0} of {report.Events:N0}, rejected {ingest.Rejected + background.Rejected:N0}, already known {ingest.Duplicates + background.Duplicates:N0}");
        AnsiConsole.MarkupLineInterpolated(
            $"first half: {ingest.Events:N0} events in {ingest.Seconds:N1} s (batches of {report.Settings.Batch:N0}, {report.Settings.Producers} producers); second half: {background.Events:N0} events in {background.Seconds:N1} s during the risk check");
        var rescoring = report.Rescoring;
        var caughtUp = rescoring.CaughtUp
            ? $"caught up {rescoring.CaughtUpSeconds.ToString("N1", CultureInfo.InvariantCulture)} s later"
            : $"not caught up after {rescoring.CaughtUpSeconds.ToString("N0", CultureInfo.InvariantCulture)} s";
        AnsiConsole.MarkupLineInterpolated($"re-scoring: {rescoring.BacklogAtEnd:N0} components waiting as the last batch was acknowledged; {caughtUp}");

        foreach (var run in new[] { report.Risk, report.HealthUnderLoad, report.Baselines.HealthIdle })
        {
            var outcomes = string.Join(", ", run.Outcomes.Select(o => $"{o.Key} {o.Value:N0}"));
            var errors = run.Errors == 0 ? "no errors" : $"{run.Errors:N0} errors ({string.Join(", ", run.ErrorsByCause.Select(e => $"{e.Key} × {e.Value:N0}"))})";
            AnsiConsole.MarkupLineInterpolated($"{run.Name}: {run.Sent:N0} sent at {run.TargetRate:N0}/s (achieved {run.AchievedRate:N0}/s); {outcomes}; {errors}");
        }

        AnsiConsole.MarkupLineInterpolated($"machine as the risk check began: {report.Machine}");
        var memory = report.Memory;
        AnsiConsole.MarkupLineInterpolated(
            $"host memory: working set {Bytes(memory.Before.WorkingSetBytes)} before, {Bytes(memory.After.WorkingSetBytes)} after, peak {Bytes(memory.After.PeakWorkingSetBytes)}; GC heap {Bytes(memory.After.GcHeapBytes)}");
    }

    /// <summary>Two significant digits however small: a ratio of 0.0009 must not read as zero.</summary>
    private static string Ratio(double ratio) =>
        (ratio >= 10 ? ratio.ToString("N0", CultureInfo.InvariantCulture) : ratio.ToString("G2", CultureInfo.InvariantCulture)) + "×";

    private static string Format(double value, string unit) => !double.IsFinite(value)
        ? "-"
        : unit switch
        {
            "ms" => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
            "bytes" => Bytes(value),
            _ => value.ToString("N0", CultureInfo.InvariantCulture) + unit,
        };

    private static string Bytes(double bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
    };
}
