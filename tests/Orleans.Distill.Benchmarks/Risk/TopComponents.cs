using System.Diagnostics;
using System.Text.Json;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>
/// <c>GET /v1/components?by=score</c>, polled after ingest: scores are computed in the background after
/// <c>POST /v1/events</c> returns, and a ring whose component is not scored yet answers the risk check as if it
/// were organic, so measuring before scoring settles would time the wrong work and count the wrong decisions.
/// </summary>
public static class TopComponents
{
    public const int Shown = 5;

    public sealed record Row(string Id, long Accounts, long Entities, double Score, string Decision, string Reasons);

    public sealed record Snapshot(IReadOnlyList<Row> Rows, int Denied, double FirstDenySeconds, double WaitedSeconds, string? Error);

    /// <summary>Waits until <paramref name="expectedDenied"/> components are denied, or <paramref name="limit"/> passes.</summary>
    public static async Task<Snapshot> WaitForDeniesAsync(HttpClient http, int expectedDenied, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        var firstDeny = double.NaN;
        while (true)
        {
            IReadOnlyList<Row> rows = [];
            string? error = null;
            try
            {
                using var response = await http.GetAsync($"/v1/components?top={expectedDenied + Shown}&by=score");
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    rows = Parse(body);
                }
                else
                {
                    error = $"HTTP {(int)response.StatusCode}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                error = e.GetType().Name + ": " + e.Message;
            }

            var denied = rows.Count(r => r.Decision == "deny");
            if (denied > 0 && double.IsNaN(firstDeny))
            {
                firstDeny = stopwatch.Elapsed.TotalSeconds;
            }

            if (denied >= expectedDenied || stopwatch.Elapsed >= limit)
            {
                return new Snapshot([.. rows.Take(Shown)], denied, firstDeny, stopwatch.Elapsed.TotalSeconds, error);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static List<Row> Parse(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.EnumerateArray().Select(c => new Row(
            c.GetProperty("id").GetString()!,
            c.GetProperty("accounts").GetInt64(),
            c.GetProperty("entities").GetInt64(),
            c.GetProperty("score").GetDouble(),
            c.GetProperty("decision").GetString()!,
            string.Join(", ", c.GetProperty("reasons").EnumerateArray().Take(3)
                .Select(r => $"{r.GetProperty("feature").GetString()}={r.GetProperty("value").GetDouble():0.##}"))))];
    }
}
