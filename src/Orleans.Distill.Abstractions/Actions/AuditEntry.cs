namespace Orleans.Distill.Actions;

/// <summary>
/// One line of the audit log: who (the key that acted, and on whose behalf it said), when, what, to what, why, and
/// how it ended (<c>ok</c>, <c>pending_approval</c>, <c>approved</c>, <c>not_found</c>, <c>split</c>, ...).
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTime At,
    [property: Id(2)] string Who,
    [property: Id(3)] string? OnBehalfOf,
    [property: Id(4)] string Action,
    [property: Id(5)] string Target,
    [property: Id(6)] string? Why,
    [property: Id(7)] string Result);
