namespace Orleans.Distill.Host.Api;

/// <summary>
/// <c>GET /v1/components/{id}/path</c>: <see cref="Path"/> alternates account and entity steps from
/// <see cref="From"/> to <see cref="To"/>; <see cref="Hops"/> counts the entities passed through (0 when from is to).
/// </summary>
public sealed record PathModel(string Component, string From, string To, int Hops, IReadOnlyList<PathStepModel> Path, string? ResolvedFrom);

/// <summary>
/// An account step has only <see cref="Account"/>. An entity step has the rest: <see cref="FromLink"/> is the
/// link from the account before it, <see cref="ToLink"/> the link to the account after it;
/// <see cref="FirstSeen"/> is when the second of the two accounts first used the entity (since when they share
/// it) and <see cref="LastSeen"/> the latest sighting of either link.
/// </summary>
public sealed record PathStepModel(
    string? Account = null,
    string? Kind = null,
    string? Entity = null,
    bool? Hub = null,
    DateTime? FirstSeen = null,
    DateTime? LastSeen = null,
    PathLinkModel? FromLink = null,
    PathLinkModel? ToLink = null);

/// <summary>One account–entity link: the account at its far end, and its sightings.</summary>
public sealed record PathLinkModel(string Account, DateTime FirstSeen, DateTime LastSeen, long Count);
