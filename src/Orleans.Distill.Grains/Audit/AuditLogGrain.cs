using Orleans.Distill.Actions;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Audit;

/// <summary>
/// A day of the audit log in grain storage, so it survives restarts and, on PostgreSQL, the loss of a silo. There is
/// no call that changes or removes an entry.
/// </summary>
public sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Graph)] IPersistentState<AuditLogState> state) : Grain, IAuditLogGrain
{
    public async Task Append(AuditEntry entry)
    {
        if (state.State.Entries.Any(e => e.Id == entry.Id))
        {
            return;
        }

        state.State.Entries.Add(entry);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditEntry>> Entries() => Task.FromResult<IReadOnlyList<AuditEntry>>([.. state.State.Entries]);
}
