using Orleans.Distill.Serialization;

namespace Orleans.Distill.Scoring;

/// <summary>
/// The worst decision detection reached on an account (or on an identifier its accounts used), kept after the
/// evidence behind it is gone: a ring whose links aged out, or that split, is still the ring it was.
/// <see cref="FirstFlagged"/> is when it was first reached (wall clock); <see cref="LastSupported"/> is the newest
/// event time at which the evidence still supported it, from which it decays.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.remembered-verdict")]
public sealed record RememberedVerdict(
    [property: Id(0)] Decision Decision,
    [property: Id(1)] double Score,
    [property: Id(2)] DateTime FirstFlagged,
    [property: Id(3)] DateTime LastSupported,
    [property: Id(4)] string Group,
    IReadOnlyList<Reason> Reasons)
{
    [Id(5)] public IReadOnlyList<Reason> Reasons { get; init => field = WireList.Of(value); } = WireList.Of(Reasons);

    /// <summary>
    /// What is remembered after <paramref name="next"/> is seen too: the worse of the two (by decision, then score)
    /// with its group and reasons, first flagged at the earlier time, supported until the later event time.
    /// </summary>
    public static RememberedVerdict Merge(RememberedVerdict? known, RememberedVerdict next)
    {
        if (known is null)
        {
            return next;
        }

        var worse = next.Decision > known.Decision || (next.Decision == known.Decision && next.Score > known.Score) ? next : known;
        return worse with
        {
            FirstFlagged = known.FirstFlagged < next.FirstFlagged ? known.FirstFlagged : next.FirstFlagged,
            LastSupported = known.LastSupported > next.LastSupported ? known.LastSupported : next.LastSupported,
        };
    }

    /// <summary>Still held at <paramref name="watermark"/>: evidence supported it within <paramref name="memory"/>.</summary>
    public bool HeldAt(DateTime watermark, TimeSpan memory) => memory > TimeSpan.Zero && watermark - LastSupported <= memory;

    /// <summary>The assessment it stands for, explained as remembered (the group that earned it named).</summary>
    public Assessment ToAssessment() => new(Score, Decision, [new Reason("remembered", Score, 0, Group), .. Reasons]);
}
