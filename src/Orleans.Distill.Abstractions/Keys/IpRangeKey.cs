using System.Net;
using System.Net.Sockets;

namespace Orleans.Distill.Keys;

/// <summary>Folds an IP address to the range that is its graph node.</summary>
public static class IpRangeKey
{
    /// <summary>
    /// Parses <paramref name="text"/> strictly (dotted-quad IPv4 or IPv6, no zone, no shorthand such as
    /// <c>10.1</c>) and folds it to its range: <c>203.0.113.0/24</c>, <c>2001:db8:1::/48</c>.
    /// IPv4-mapped IPv6 addresses fold as IPv4, since they are the same host.
    /// </summary>
    public static bool TryFold(string text, int v4Prefix, int v6Prefix, out string range, out string? error)
    {
        range = string.Empty;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            error = "must be an IPv4 or IPv6 address";
            return false;
        }

        IPAddress? address;
        if (text.Contains(':'))
        {
            if (text.Contains('%') || !IPAddress.TryParse(text, out address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = "is not a valid IPv6 address";
                return false;
            }

            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }
        }
        else if (!IsDottedQuad(text) || !IPAddress.TryParse(text, out address))
        {
            error = "is not a valid IPv4 address";
            return false;
        }

        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? v4Prefix : v6Prefix;
        var bytes = address.GetAddressBytes();
        Mask(bytes, prefix);
        range = $"{new IPAddress(bytes)}/{prefix}";
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="range"/> (a folded key) lies inside <paramref name="cidr"/>.</summary>
    public static bool Contains(string cidr, string range)
    {
        if (!IPNetwork.TryParse(cidr, out var network))
        {
            return false;
        }

        var slash = range.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(range.AsSpan(0, slash), out var start) || !int.TryParse(range.AsSpan(slash + 1), out var length))
        {
            return false;
        }

        return network.Contains(start) && length >= network.PrefixLength;
    }

    private static void Mask(byte[] bytes, int prefix)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsHere = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsHere));
        }
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0)
                {
                    return false;
                }

                parts++;
                digits = 0;
            }
            else if (c is >= '0' and <= '9')
            {
                if (++digits > 3)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return parts == 3 && digits > 0;
    }
}
