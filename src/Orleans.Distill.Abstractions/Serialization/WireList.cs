namespace Orleans.Distill.Serialization;

/// <summary>
/// Lists kept in serialized state as arrays. A collection expression given to an <see cref="IReadOnlyList{T}"/> is
/// a type the compiler makes up, for which Orleans has no codec: it writes one through a fallback, but only after
/// looking for a codec again, by reflection, on every write. State written on every change (an index partition holds
/// every component's reasons) then spends more on that search than on the writing.
/// </summary>
public static class WireList
{
    public static T[] Of<T>(IReadOnlyList<T> list) => list as T[] ?? [.. list];
}
