namespace Orleans.Distill.Keys;

/// <summary>Validation of the opaque identifiers in events.</summary>
public static class Identifiers
{
    public const int MaxAccountLength = 128;

    /// <summary>CONTRACT.md: 1–128 characters of <c>[A-Za-z0-9._:@-]</c>.</summary>
    public static bool IsValidAccount(ReadOnlySpan<char> account)
    {
        if (account.IsEmpty || account.Length > MaxAccountLength)
        {
            return false;
        }

        foreach (var c in account)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '@' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Opaque tokens: printable, no control characters, bounded length.</summary>
    public static string? CheckOpaque(string value, int maxLength)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Length > maxLength)
        {
            return $"is longer than {maxLength} characters";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return "contains control characters";
            }
        }

        return null;
    }
}
