using System.Net;
using System.Text.Json;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>Reads every labelled account's final answer from the host, many at once but a bounded number.</summary>
public static class AccountOutcomes
{
    /// <summary>A 503 means only "send it again": this many times, a second apart, before giving up.</summary>
    private const int Attempts = 30;

    public static async Task<List<AccountOutcome>> FetchAsync(
        HttpClient http,
        IReadOnlyDictionary<string, LabelledAccount> labels,
        IReadOnlyDictionary<string, FirstFlag> firstFlagged,
        int parallelism,
        IProgress<int>? progress,
        CancellationToken cancellation)
    {
        var outcomes = new AccountOutcome[labels.Count];
        var accounts = labels.Values.OrderBy(l => l.Account, StringComparer.Ordinal).ToArray();
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, accounts.Length),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation },
            async (i, token) =>
            {
                outcomes[i] = await FetchOneAsync(http, accounts[i], firstFlagged.GetValueOrDefault(accounts[i].Account), token);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return [.. outcomes];
    }

    private static async Task<AccountOutcome> FetchOneAsync(HttpClient http, LabelledAccount label, FirstFlag? first, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync($"/v1/accounts/{Uri.EscapeDataString(label.Account)}", cancellation);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new AccountOutcome(label.Account, label.Fraud, label.Group, false, null, 0, "allow", 0, "allow", first);
            }

            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                continue;
            }

            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellation));
            var root = json.RootElement;
            var (score, decision) = (root.GetProperty("score").GetDouble(), root.GetProperty("decision").GetString()!);
            // A host without the evidence field can say only what it answers as a whole.
            var (evidenceScore, evidenceDecision) = root.TryGetProperty("evidence", out var evidence) && evidence.ValueKind == JsonValueKind.Object
                ? (evidence.GetProperty("score").GetDouble(), evidence.GetProperty("decision").GetString()!)
                : (score, decision);
            var component = root.TryGetProperty("component", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new AccountOutcome(label.Account, label.Fraud, label.Group, true, component, score, decision, evidenceScore, evidenceDecision, first);
        }
    }
}
