namespace Orleans.Distill.Keys;

/// <summary>
/// Recognises raw payment card numbers (PANs) so they are refused before they reach storage or logs.
/// Only processor tokens and fingerprints belong in the graph.
/// </summary>
public static class CardNumberDetector
{
    /// <summary>13–19 digits, optionally grouped by spaces or dashes, that pass the Luhn check.</summary>
    public static bool LooksLikeCardNumber(ReadOnlySpan<char> value)
    {
        Span<byte> digits = stackalloc byte[19];
        var count = 0;
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                if (count == 19)
                {
                    return false;
                }

                digits[count++] = (byte)(c - '0');
            }
            else if (c is not (' ' or '-'))
            {
                return false;
            }
        }

        return count >= 13 && PassesLuhn(digits[..count]);
    }

    public static bool PassesLuhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
