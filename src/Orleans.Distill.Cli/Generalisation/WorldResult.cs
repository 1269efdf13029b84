using System.Text.Json;
using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>The role a world plays: thresholds and parameters are chosen on tuning worlds only.</summary>
public enum WorldRole
{
    Tuning,
    Test,
    Real,
}

/// <summary>One <c>evaluation.json</c>, named by its world and tagged with its role.</summary>
public sealed record WorldResult(string World, WorldRole Role, IReadOnlyList<AccountOutcome> Accounts, IReadOnlyDictionary<string, FamilyResult> Families, IReadOnlyDictionary<string, List<BaselinePoint>> BaselineGrid)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Reads <paramref name="path"/>; its world is the one it names, else its folder's name.</summary>
    /// <exception cref="FormatException">The file is not an <c>evaluate</c> result holding every account's answer.</exception>
    public static WorldResult Read(string path, WorldRole role)
    {
        EvaluationReport? report;
        try
        {
            report = JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not an evaluation.json ({e.Message})");
        }

        if (report?.AccountOutcomes is not { } accounts || report.Families is not { } families || report.BaselineGrid is not { } grid)
        {
            throw new FormatException($"{path}: lacks account_outcomes, families or baseline_grid; evaluate it again with this version of evaluate");
        }

        var world = report.World ?? new FileInfo(path).Directory?.Name ?? path;
        return new WorldResult(world, role, accounts, families, grid);
    }

    /// <summary>Counts of one baseline setting here, from how many of each family it flagged.</summary>
    public Confusion CountsOf(BaselinePoint point)
    {
        var counts = new Confusion();
        foreach (var (name, family) in Families)
        {
            var flagged = point.FlaggedByFamily.GetValueOrDefault(name);
            counts += family.Campaign
                ? new Confusion(flagged, 0, family.Accounts, 0)
                : new Confusion(0, flagged, 0, family.Accounts);
        }

        return counts;
    }
}
