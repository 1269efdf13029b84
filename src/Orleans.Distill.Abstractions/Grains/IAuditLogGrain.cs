using Orleans.Concurrency;
using Orleans.Distill.Actions;

namespace Orleans.Distill.Grains;

/// <summary>One day of the audit log (keyed <c>yyyy-MM-dd</c>, UTC): entries are only ever appended.</summary>
[Alias("distill.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry; the same entry (by id) twice is kept once, so a retried append is harmless.</summary>
    [Alias("Append")]
    Task Append(AuditEntry entry);

    [Alias("Entries"), ReadOnly]
    Task<IReadOnlyList<AuditEntry>> Entries();
}
