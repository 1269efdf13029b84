using Orleans.Distill.Keys;

namespace Orleans.Distill.Events;

/// <summary>
/// One validated contract event with its identifiers already normalised into graph keys
/// (<see cref="IpRange"/> is the folded range, never the raw address).
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.event")]
public sealed record DistillEvent
{
    [Id(0)] public required EventType Type { get; init; }
    [Id(1)] public required string Account { get; init; }
    [Id(2)] public required DateTime At { get; init; }
    [Id(3)] public string? IpRange { get; init; }
    [Id(4)] public string? Instrument { get; init; }
    [Id(5)] public string? Device { get; init; }
    [Id(6)] public string? Template { get; init; }
    [Id(7)] public string? Email { get; init; }
    [Id(8)] public string? Country { get; init; }
    [Id(9)] public TrafficCategory Category { get; init; }
    [Id(10)] public long Requests { get; init; }
    [Id(11)] public long Tokens { get; init; }
    [Id(12)] public Verdict? Verdict { get; init; }
    [Id(13)] public string? Source { get; init; }
    [Id(14)] public string? Note { get; init; }

    /// <summary>Idempotency key: a hash of <c>id</c> when given, otherwise of the event's content.</summary>
    [Id(15)] public ulong Dedupe { get; init; }

    /// <summary>The entity nodes this event links its account to, as node keys.</summary>
    public IEnumerable<string> LinkedEntities()
    {
        if (IpRange is not null)
        {
            yield return NodeKey.Entity(EntityKind.IpRange, IpRange);
        }

        if (Instrument is not null)
        {
            yield return NodeKey.Entity(EntityKind.Instrument, Instrument);
        }

        if (Device is not null)
        {
            yield return NodeKey.Entity(EntityKind.Device, Device);
        }

        if (Template is not null)
        {
            yield return NodeKey.Entity(EntityKind.Template, Template);
        }
    }
}
