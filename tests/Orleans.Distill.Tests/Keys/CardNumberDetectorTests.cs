using CsCheck;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Keys;

public sealed class CardNumberDetectorTests
{
    [Theory]
    [InlineData("4111111111111111")] // Visa
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4222222222222")] // Visa, 13 digits
    [InlineData("378282246310005")] // American Express, 15
    [InlineData("371449635398431")]
    [InlineData("5555555555554444")] // Mastercard
    [InlineData("2223003122003222")] // Mastercard 2-series
    [InlineData("6011111111111117")] // Discover
    [InlineData("3530111333300000")] // JCB
    [InlineData("30569309025904")] // Diners Club, 14
    [InlineData("6200000000000005")] // UnionPay
    [InlineData("6759649826438453")] // Maestro
    public void RawCardNumbers_AreRecognised(string value) =>
        Assert.True(CardNumberDetector.ContainsCardNumber(value));

    [Theory]
    [InlineData("4111111111111112")] // fails Luhn
    [InlineData("411111111111")] // 12 digits
    [InlineData("41111111111111111111")] // 20 digits
    [InlineData("1234567812345670")] // passes Luhn, but no issuer uses prefix 1
    [InlineData("9000000000000008")] // passes Luhn, prefix 9
    [InlineData("pm_1NfGh2LkdIwHu7ix")]
    [InlineData("4111.1111.1111.1111")]
    [InlineData("")]
    public void TokensAndNonCards_AreNotCardNumbers(string value) =>
        Assert.False(CardNumberDetector.ContainsCardNumber(value));

    [Theory]
    [InlineData("tok_4111111111111111")]
    [InlineData("device of 5555 5555 5555 4444 owner")]
    [InlineData("4111111111111111@example.com")]
    [InlineData("note: card 378282246310005, call back")]
    public void CardNumbers_InsideFreeText_AreFound(string text) =>
        Assert.True(CardNumberDetector.ContainsCardNumber(text));

    [Theory]
    [InlineData("tok_visa_4242")]
    [InlineData("order 1234567812345670 shipped")] // Luhn-valid, no issuer
    [InlineData("41111111111111111111")] // a longer run is not a card number
    [InlineData("2026-04-22T10:00:00Z")]
    [InlineData("user+412345@example.com")]
    [InlineData("dev_3f1a4111111111111111")] // digits run into a hex token
    [InlineData("card4111111111111111x")]
    public void OtherNumbers_InFreeText_AreNot(string text) =>
        Assert.False(CardNumberDetector.ContainsCardNumber(text));

    /// <summary>
    /// Numbers that pass Luhn but that no issuer would issue (a first digit of 0, 1, 7 or 9), as numeric account ids
    /// and opaque tokens often are: about one random number in ten passes Luhn, so Luhn alone would refuse them.
    /// </summary>
    [Fact]
    public void LuhnValidNumbers_WithoutAnIssuerPrefix_AreNeverRefused() =>
        Gen.Select(Gen.Int[0, 3].Select(i => new byte[] { 0, 1, 7, 9 }[i]), Gen.Byte[0, 9].Array[11, 17], (first, rest) => WithCheckDigit([first, .. rest]))
            .Sample(digits =>
            {
                var number = string.Concat(digits.Select(d => (char)('0' + d)));
                Assert.True(CardNumberDetector.PassesLuhn(digits));
                Assert.False(CardNumberDetector.ContainsCardNumber(number));
                Assert.False(CardNumberDetector.ContainsCardNumber($"acct-{number}"));
            }, iter: 10_000);

    /// <summary>Any Visa- or Mastercard-shaped number that passes Luhn is found wherever it stands as a token among other text.</summary>
    [Fact]
    public void IssuedCardNumbers_AreFound_AmongAnyOtherText() =>
        Gen.Select(
                Gen.OneOf(Gen.Byte[0, 9].Array[14].Select(r => WithCheckDigit([4, .. r])), Gen.Byte[0, 9].Array[13].Select(r => WithCheckDigit([5, 3, .. r]))),
                Gen.String[Gen.Char["_@. ,:;/()"], 0, 10],
                Gen.String[Gen.Char["_@. ,:;/()"], 0, 10],
                (digits, before, after) => (Number: string.Concat(digits.Select(d => (char)('0' + d))), Before: before, After: after))
            .Sample(x => Assert.True(CardNumberDetector.ContainsCardNumber(x.Before + x.Number + x.After), x.Before + "[card]" + x.After), iter: 10_000);

    /// <summary>Appends the digit that makes <paramref name="payload"/> pass Luhn.</summary>
    private static byte[] WithCheckDigit(byte[] payload)
    {
        for (byte check = 0; check < 10; check++)
        {
            byte[] candidate = [.. payload, check];
            if (CardNumberDetector.PassesLuhn(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no check digit");
    }
}
