namespace Orleans.Distill.Keys;

/// <summary>
/// Recognises raw payment card numbers (PANs) so they are refused before they reach storage or logs. Only processor
/// tokens and fingerprints belong in the graph. A number counts as a card number only when an issuer uses its
/// prefix at its length and it passes the Luhn check: about one random number in ten passes Luhn alone, and
/// numeric account ids and opaque tokens must not be refused for that.
/// </summary>
public static class CardNumberDetector
{
    // (first digits from, to, lengths) of the card networks' issuer ranges.
    private static readonly (int Digits, int From, int To, int MinLength, int MaxLength)[] IssuerRanges =
    [
        (1, 4, 4, 13, 19),           // Visa (13, 16, 19 in use; every length between is refused)
        (2, 51, 55, 16, 16),         // Mastercard
        (4, 2221, 2720, 16, 16),     // Mastercard 2-series
        (2, 34, 34, 15, 15),         // American Express
        (2, 37, 37, 15, 15),
        (4, 6011, 6011, 16, 19),     // Discover
        (3, 644, 649, 16, 19),
        (2, 65, 65, 16, 19),         // Discover, RuPay
        (3, 300, 305, 14, 19),       // Diners Club
        (4, 3095, 3095, 14, 19),
        (2, 36, 36, 14, 19),
        (2, 38, 39, 14, 19),
        (4, 3528, 3589, 16, 19),     // JCB
        (2, 62, 62, 16, 19),         // UnionPay
        (2, 50, 50, 13, 19),         // Maestro, Verve
        (2, 56, 58, 13, 19),         // Maestro
        (2, 63, 63, 13, 19),
        (2, 67, 67, 13, 19),
        (4, 2200, 2204, 16, 19),     // Mir
        (2, 60, 60, 16, 19),         // RuPay
        (2, 81, 82, 16, 16),
    ];

    /// <summary>What a field holding a card number is told; the value itself is never echoed.</summary>
    public const string Refusal = "looks like a raw card number; send the processor's token or fingerprint instead";

    /// <summary>
    /// A card number stands anywhere in <paramref name="text"/> as a token of its own: a run of 13–19 digits (spaces
    /// or single dashes between groups allowed) with no letter or digit right before or after it. Digits run into
    /// letters are part of a hex or alphanumeric token (a fingerprint, a hash), not a card number written down.
    /// </summary>
    public static bool ContainsCardNumber(ReadOnlySpan<char> text)
    {
        Span<byte> digits = stackalloc byte[19];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            // A run of digits and the single separators between them.
            var gluedBefore = i > 0 && char.IsAsciiLetter(text[i - 1]);
            var count = 0;
            var tooLong = false;
            while (i < text.Length)
            {
                if (char.IsAsciiDigit(text[i]))
                {
                    if (count < 19)
                    {
                        digits[count] = (byte)(text[i] - '0');
                    }
                    else
                    {
                        tooLong = true;
                    }

                    count++;
                    i++;
                }
                else if (text[i] is ' ' or '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && count > 0)
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            var gluedAfter = i < text.Length && char.IsAsciiLetter(text[i]);
            if (!tooLong && !gluedBefore && !gluedAfter && IsCardNumber(digits[..count]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An issuer's prefix at a length it issues, and the Luhn check.</summary>
    public static bool IsCardNumber(ReadOnlySpan<byte> digits)
    {
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        foreach (var (prefixDigits, from, to, minLength, maxLength) in IssuerRanges)
        {
            var prefix = 0;
            for (var d = 0; d < prefixDigits; d++)
            {
                prefix = (prefix * 10) + digits[d];
            }

            if (prefix >= from && prefix <= to && digits.Length >= minLength && digits.Length <= maxLength)
            {
                return PassesLuhn(digits);
            }
        }

        return false;
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
