namespace Orleans.Distill.Keys;

/// <summary>How raw identifiers become graph keys. Bound from <c>Distill:Keys</c>.</summary>
public sealed class KeyOptions
{
    public const string Section = "Distill:Keys";

    /// <summary>IPv4 addresses fold to this prefix length; the range, not the address, is the node.</summary>
    public int IPv4PrefixLength { get; set; } = 24;

    /// <summary>IPv6 addresses fold to this prefix length (a /48 is one site).</summary>
    public int IPv6PrefixLength { get; set; } = 48;

    /// <summary>Longest opaque identifier (instrument, device, template, email) accepted.</summary>
    public int MaxOpaqueLength { get; set; } = 256;
}
