namespace Orleans.Distill.Keys;

/// <summary>
/// Names one node of the graph as <c>kind:value</c> (<c>instrument:tok_1</c>, <c>ip_range:203.0.113.0/24</c>).
/// Entity grains are keyed by this string; accounts are keyed by their bare id.
/// </summary>
public static class NodeKey
{
    public static string Entity(EntityKind kind, string value) => string.Concat(kind.Name(), ":", value);

    public static string Account(string account) => string.Concat("account:", account);

    /// <summary>Splits a node key into kind and value; false when the prefix is not a known kind.</summary>
    public static bool TryParse(string key, out EntityKind kind, out string value)
    {
        var colon = key.IndexOf(':');
        if (colon > 0 && EntityKinds.TryParse(key.AsSpan(0, colon), out kind))
        {
            value = key[(colon + 1)..];
            return true;
        }

        kind = default;
        value = string.Empty;
        return false;
    }

    /// <summary>The kind alone, without copying out the value: it is asked for every link an entity counts.</summary>
    public static EntityKind KindOf(string key)
    {
        var colon = key.IndexOf(':');
        return colon > 0 && EntityKinds.TryParse(key.AsSpan(0, colon), out var kind) ? kind : throw new FormatException($"'{key}' is not a node key.");
    }
}
