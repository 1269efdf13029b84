using Orleans.Distill.Actions;

namespace Orleans.Distill.Audit;

[GenerateSerializer, Alias("distill.audit-log-state")]
public sealed class AuditLogState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
