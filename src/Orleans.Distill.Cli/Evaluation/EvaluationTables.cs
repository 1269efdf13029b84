using Spectre.Console;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>The tables <c>evaluate</c> prints: detectors side by side, organic kinds, campaigns, then every family.</summary>
public static class EvaluationTables
{
    public static void Print(EvaluationReport report)
    {
        var detectors = new Table().AddColumns("detector", "flagged", "precision", "recall", "F1", "organic FPR");
        foreach (var (name, d) in report.Detectors)
        {
            detectors.AddRow(name, $"{d.Score.Flagged:N0}", $"{d.Score.Precision:F3}", $"{d.Score.Recall:F3}", $"{d.Score.F1:F3}", $"{d.Score.FalsePositiveRate:P2}");
        }

        AnsiConsole.Write(detectors);
        var kinds = new Table().AddColumn("organic kind");
        foreach (var name in report.Detectors.Keys)
        {
            kinds.AddColumn(name);
        }

        foreach (var kind in report.Detectors.Values.First().FalsePositiveRateByKind.Keys)
        {
            kinds.AddRow([kind, .. report.Detectors.Values.Select(d => $"{d.FalsePositiveRateByKind[kind]:P2}")]);
        }

        AnsiConsole.Write(kinds);
        var campaigns = new Table().AddColumns("campaign", "accounts", "flagged", "first flagged at (traffic, time)", "half flagged at (traffic, time)");
        foreach (var (name, c) in report.Campaigns)
        {
            campaigns.AddRow(name, $"{c.Accounts:N0}", $"{c.Flagged:N0}", Shares(c.FirstFlagged), Shares(c.HalfFlagged));
        }

        AnsiConsole.Write(campaigns);
        if (report.Families is { } families)
        {
            AnsiConsole.Write(Families(families));
        }
    }

    private static Table Families(SortedDictionary<string, FamilyResult> families)
    {
        var table = new Table().AddColumns("family", "kind", "accounts", "flagged now", "recall / FP rate", "by evidence now", "remembered only", "first flagged at (traffic, time)");
        foreach (var (name, f) in families.OrderBy(f => f.Value.Campaign).ThenBy(f => f.Key, StringComparer.Ordinal))
        {
            table.AddRow(
                name,
                f.Campaign ? "campaign" : "organic",
                $"{f.Accounts:N0}",
                $"{f.Flagged:N0}",
                $"{(f.Recall ?? f.FalsePositiveRate ?? 0):P1}",
                $"{f.StillFlaggedByEvidence:P1}",
                $"{f.RememberedOnly:N0}",
                Shares(f.FirstFlagged));
        }

        return table;
    }

    public static string Shares(TimeToDetect? at) => at is { } t ? $"{t.TrafficShare:P1}, {t.TimeShare:P1}" : "never";
}
