using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Keys;

public sealed class CardNumberDetectorTests
{
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("378282246310005")] // 15-digit
    [InlineData("4222222222222")] // 13-digit
    [InlineData("6011111111111117")]
    [InlineData("3530111333300000")]
    [InlineData("6759649826438453")]
    public void RawCardNumbers_AreRecognised(string value) =>
        Assert.True(CardNumberDetector.LooksLikeCardNumber(value));

    [Theory]
    [InlineData("4111111111111112")] // fails Luhn
    [InlineData("411111111111")] // 12 digits
    [InlineData("41111111111111111111")] // 20 digits
    [InlineData("tok_4111111111111111")]
    [InlineData("pm_1NfGh2LkdIwHu7ix")]
    [InlineData("4111.1111.1111.1111")]
    [InlineData("")]
    public void TokensAndNonCards_AreNot(string value) =>
        Assert.False(CardNumberDetector.LooksLikeCardNumber(value));
}
