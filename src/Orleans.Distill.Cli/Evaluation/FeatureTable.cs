using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// Every labelled account's features at the end of a replay, as <c>GET /v1/components/{id}/features</c> measures
/// them: those of the core it is judged on and of the component piece around it, beside its label and the hand-built
/// answer. What a learned scorer is trained on (tuning worlds) and tested on (held-out worlds and real data), one row
/// per account so that it is split by world, never by account.
/// </summary>
public sealed class FeatureTable
{
    /// <summary>The groups an account is measured in, in the order their columns come.</summary>
    public static readonly IReadOnlyList<string> Groups = ["core", "piece"];

    /// <summary>A 503 (or a component mid-split) means only "ask again": this many times, a second apart.</summary>
    private const int Attempts = 30;

    private readonly Dictionary<string, (JsonElement Core, JsonElement Piece)> _byAccount = new(StringComparer.Ordinal);

    /// <summary>The features' names, in the host's order; empty when no component was measured.</summary>
    public IReadOnlyList<string> Features { get; private set; } = [];

    /// <summary>Accounts measured in a core: every account of the components measured.</summary>
    public int Measured => _byAccount.Count;

    /// <summary>
    /// Measures every component that holds a known labelled account, each once, a bounded number at once. A
    /// component split since its account was read is measured as the pieces it became.
    /// </summary>
    public static async Task<FeatureTable> FetchAsync(
        HttpClient http, IReadOnlyList<AccountOutcome> outcomes, int parallelism, IProgress<int>? progress, CancellationToken cancellation)
    {
        var table = new FeatureTable();
        var components = outcomes.Where(o => o.Known && o.Component is not null).Select(o => o.Component!).Distinct(StringComparer.Ordinal).ToArray();
        var answers = new List<JsonElement>();
        var done = 0;
        await Parallel.ForEachAsync(
            components,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation },
            async (id, token) =>
            {
                var measured = await FetchOneAsync(http, id, token);
                lock (answers)
                {
                    answers.AddRange(measured);
                }

                progress?.Report(Interlocked.Increment(ref done));
            });

        // A component reached from two accounts' old ids, merged since, is one answer: every account gets the same row either way.
        foreach (var answer in answers)
        {
            if (table.Features.Count == 0)
            {
                table.Features = [.. answer.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)];
            }

            foreach (var piece in answer.GetProperty("pieces").EnumerateArray())
            {
                foreach (var core in piece.GetProperty("cores").EnumerateArray())
                {
                    foreach (var account in core.GetProperty("accounts").EnumerateArray())
                    {
                        table._byAccount[account.GetString()!] = (core, piece.GetProperty("group"));
                    }
                }
            }
        }

        return table;
    }

    private static async Task<List<JsonElement>> FetchOneAsync(HttpClient http, string id, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync($"/v1/components/{Uri.EscapeDataString(id)}/features", cancellation);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return [];
            }

            var retry = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict;
            if (retry && attempt < Attempts)
            {
                if (response.StatusCode == HttpStatusCode.Conflict
                    && (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).TryGetProperty("split_into", out var pieces))
                {
                    var measured = new List<JsonElement>();
                    foreach (var piece in pieces.EnumerateArray())
                    {
                        measured.AddRange(await FetchOneAsync(http, piece.GetString()!, cancellation));
                    }

                    return measured;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"GET /v1/components/{id}/features answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}", null, response.StatusCode);
            }

            return [await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)];
        }
    }

    /// <summary>
    /// One row per labelled account: who it is and what the host answered, then for each group its score, decision
    /// and group scale, and each feature's value and factor (<c>core_accounts</c> is the core's size). An account the
    /// host does not know has its group columns empty.
    /// </summary>
    public void WriteCsv(TextWriter writer, string world, IEnumerable<AccountOutcome> outcomes)
    {
        var header = new List<string> { "world", "account", "fraud", "family", "component", "score", "decision", "evidence_score", "evidence_decision" };
        foreach (var group in Groups)
        {
            header.AddRange([$"{group}_score", $"{group}_decision", $"{group}_group_scale"]);
            header.AddRange(Features.SelectMany(f => new[] { $"{group}_{f}", $"{group}_{f}_factor" }));
        }

        writer.Write(string.Join(',', header));
        writer.Write('\n');
        var row = new List<string>(header.Count);
        foreach (var o in outcomes.OrderBy(o => o.Account, StringComparer.Ordinal))
        {
            row.Clear();
            row.AddRange([Cell(world), Cell(o.Account), o.Fraud ? "1" : "0", Cell(o.Family), o.Component ?? "", Number(o.Score), o.Decision, Number(o.EvidenceScore), o.EvidenceDecision]);
            var measured = _byAccount.TryGetValue(o.Account, out var groups);
            foreach (var group in new[] { groups.Core, groups.Piece })
            {
                if (!measured)
                {
                    row.AddRange(Enumerable.Repeat("", 3 + (2 * Features.Count)));
                    continue;
                }

                row.AddRange([
                    Number(group.GetProperty("score").GetDouble()),
                    group.GetProperty("decision").GetString()!,
                    Number(group.GetProperty("group_scale").GetDouble())]);
                var features = group.GetProperty("features");
                foreach (var feature in Features)
                {
                    var value = features.GetProperty(feature);
                    row.Add(Number(value.GetProperty("value").GetDouble()));
                    row.Add(Number(value.GetProperty("factor").GetDouble()));
                }
            }

            writer.Write(string.Join(',', row));
            writer.Write('\n');
        }
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Ids and family names come from the data: quoted when a comma or quote would break the row.</summary>
    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
