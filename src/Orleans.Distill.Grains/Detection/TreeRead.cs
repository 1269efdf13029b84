using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Detection;

/// <summary>
/// A component as a rebuild read it: its members, each member account's profile, and every entity those accounts
/// link to (members or not), as the hub rules see them. <see cref="Pointers"/> overrides where a node points
/// (the pieces of a split, before the accounts' own pointers are read again).
/// </summary>
public sealed record TreeRead(
    IReadOnlyCollection<string> Members,
    IReadOnlyDictionary<string, AccountProfile> Profiles,
    IReadOnlyDictionary<string, EntityInfo> Entities,
    long Version)
{
    public IReadOnlyDictionary<string, string> Pointers { get; init; } = new Dictionary<string, string>();
}
