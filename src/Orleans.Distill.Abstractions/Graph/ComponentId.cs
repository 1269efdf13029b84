using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Orleans.Distill.Graph;

/// <summary>
/// Component ids are <c>c-</c> and 16 hex digits. A node's first component (its "home") takes its id from a
/// hash of the node key, so no write is needed to know it; rebuilt components take random ids.
/// Either way the ids are uniformly spread, and the forest links the lower id under the higher:
/// randomised linking, expected logarithmic depth, and every call goes from a lower id to a higher one.
/// </summary>
public static class ComponentId
{
    public const string Prefix = "c-";

    public static string HomeOf(string nodeKey) =>
        Prefix + XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(nodeKey)).ToString("x16", CultureInfo.InvariantCulture);

    public static string NewRandom()
    {
        Span<byte> bytes = stackalloc byte[8];
        Random.Shared.NextBytes(bytes);
        return Prefix + BitConverter.ToUInt64(bytes).ToString("x16", CultureInfo.InvariantCulture);
    }

    public static bool IsValid(string id)
    {
        if (id.Length != Prefix.Length + 16 || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fixed-width lowercase hex, so ordinal order is numeric order.</summary>
    public static int Compare(string a, string b) => string.CompareOrdinal(a, b);
}
