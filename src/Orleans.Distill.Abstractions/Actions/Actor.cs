namespace Orleans.Distill.Actions;

/// <summary>
/// Who takes an action: <see cref="Who"/> is the authenticated key's name (the request's own <c>who</c> only when
/// the host runs without keys, on loopback); <see cref="OnBehalfOf"/> is the <c>who</c> a keyed caller wrote,
/// kept for the record and never trusted as identity.
/// </summary>
public sealed record Actor(string Who, string? OnBehalfOf = null);
