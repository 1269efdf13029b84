using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Orleans.Distill.Cli.Load;

/// <summary>Posts one NDJSON batch to <c>POST /v1/events</c> the way the contract asks a producer to.</summary>
public static class EventBatches
{
    private const int MaxAttempts = 10;

    /// <summary>What the host made of a batch, and how many times it was sent again after a 503.</summary>
    public readonly record struct Outcome(int Accepted, int Rejected, int Duplicates, string? FirstError, int Resent = 0);

    public static async Task<Outcome> PostAsync(HttpClient http, byte[] body, CancellationToken cancellation = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await http.PostAsync("/v1/events", content, cancellation);

            // 503 means the batch was not applied in full; every step is idempotent, so the contract says send it again.
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellation);
                continue;
            }

            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellation));
            var root = json.RootElement;
            var rejected = root.GetProperty("rejected");
            return new Outcome(
                root.GetProperty("accepted").GetInt32(),
                rejected.GetArrayLength(),
                root.TryGetProperty("duplicates", out var duplicates) ? duplicates.GetInt32() : 0,
                rejected.GetArrayLength() > 0 ? rejected[0].ToString() : null,
                attempt - 1);
        }
    }
}
