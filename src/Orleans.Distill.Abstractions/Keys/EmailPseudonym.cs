using System.Security.Cryptography;
using System.Text;

namespace Orleans.Distill.Keys;

/// <summary>
/// What is kept of an email: a keyed hash of the whole address, lower-cased, and its domain in clear
/// (<c>h:3f9c…@example.com</c>). The same address always gives the same pseudonym under one key, so two accounts
/// sharing an address can still be told apart from two that do not; without the key it cannot be reversed by
/// hashing guesses.
/// </summary>
public static class EmailPseudonym
{
    public const string Prefix = "h:";

    public static string Of(string email, ReadOnlySpan<byte> key)
    {
        var normalised = email.Trim().ToLowerInvariant();
        var at = normalised.LastIndexOf('@');
        var domain = at >= 0 && at < normalised.Length - 1 ? normalised[(at + 1)..] : "";
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalised)).AsSpan(0, 16));
        return domain.Length == 0 ? Prefix + hash : $"{Prefix}{hash}@{domain}";
    }

    public static bool IsPseudonym(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);
}
