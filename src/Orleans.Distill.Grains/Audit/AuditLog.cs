using System.Globalization;
using Orleans.Distill.Actions;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Audit;

/// <summary>Writes and reads the audit log, one grain per day.</summary>
public sealed class AuditLog(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>The longest span one read may cover.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    public Task RecordAsync(string who, string? onBehalfOf, string action, string target, string? why, string result) =>
        AppendAsync(new AuditEntry(Guid.NewGuid().ToString("n"), clock.GetUtcNow().UtcDateTime, who, onBehalfOf, action, target, why, result));

    public Task AppendAsync(AuditEntry entry) => Day(entry.At).Append(entry);

    /// <summary>Entries at or after <paramref name="since"/> and before <paramref name="until"/>, in order.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTime since, DateTime until)
    {
        var days = new List<DateTime>();
        for (var day = since.Date; day <= until.Date; day = day.AddDays(1))
        {
            days.Add(day);
        }

        var entries = await Task.WhenAll(days.Select(d => Day(d).Entries()));
        return [.. entries.SelectMany(e => e).Where(e => e.At >= since && e.At < until).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    private IAuditLogGrain Day(DateTime at) => grains.Reference<IAuditLogGrain>(at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
