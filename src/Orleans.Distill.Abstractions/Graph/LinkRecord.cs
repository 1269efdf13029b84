namespace Orleans.Distill.Graph;

/// <summary>
/// One account–entity link as either end records it. Merging takes the earliest first sighting, the latest
/// last sighting and the larger count, so applying the same update twice, or out of order, changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.link")]
public readonly record struct LinkRecord(
    [property: Id(0)] DateTime FirstSeen,
    [property: Id(1)] DateTime LastSeen,
    [property: Id(2)] long Count)
{
    public static LinkRecord At(DateTime at) => new(at, at, 1);

    public LinkRecord Merge(LinkRecord other) => new(
        other.FirstSeen < FirstSeen ? other.FirstSeen : FirstSeen,
        other.LastSeen > LastSeen ? other.LastSeen : LastSeen,
        Math.Max(Count, other.Count));

    public LinkRecord Seen(DateTime at) => new(
        at < FirstSeen ? at : FirstSeen,
        at > LastSeen ? at : LastSeen,
        Count + 1);
}

/// <summary>A link as sent from one end to the other: <see cref="Other"/> is the far node's key.</summary>
[GenerateSerializer, Immutable, Alias("distill.link-update")]
public readonly record struct LinkUpdate(
    [property: Id(0)] string Other,
    [property: Id(1)] LinkRecord Link);
