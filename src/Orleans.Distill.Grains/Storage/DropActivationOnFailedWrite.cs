using Orleans.Distill.Failures;
using Orleans.Storage;

namespace Orleans.Distill.Storage;

/// <summary>
/// Grains change their state in memory before they write it, and Orleans does not roll memory back when the write
/// fails. An activation whose write failed would be ahead of storage: the request is answered "send it again", and
/// the re-sent events would find their idempotency keys already in memory, be answered as duplicates and never
/// reach storage. Dropping such an activation makes the next call read what is stored.
/// </summary>
public sealed class DropActivationOnFailedWrite : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is InconsistentStateException || TransientFailure.Reason(e) is not null)
        {
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, e, "a call failed part-way; memory may be ahead of storage"));
            throw;
        }
    }
}
