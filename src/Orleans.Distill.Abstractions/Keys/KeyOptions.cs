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

    public void Validate()
    {
        if (IPv4PrefixLength is < 8 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(IPv4PrefixLength), IPv4PrefixLength, "must be between 8 and 32");
        }

        if (IPv6PrefixLength is < 16 or > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(IPv6PrefixLength), IPv6PrefixLength, "must be between 16 and 128");
        }

        if (MaxOpaqueLength is < 16 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOpaqueLength), MaxOpaqueLength, "must be between 16 and 4096");
        }
    }
}
