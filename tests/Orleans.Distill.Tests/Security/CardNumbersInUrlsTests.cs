using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Orleans.Distill.Host.Api;

namespace Orleans.Distill.Tests.Security;

/// <summary>Which part of a URL a card number stands in, as the refusal names it.</summary>
public sealed class CardNumbersInUrlsTests
{
    [Theory]
    [InlineData("/v1/accounts/4539578763621486/label", "account=4539578763621486", "", "account")]
    [InlineData("/v1/accounts/4539-5787-6362-1486", "account=4539-5787-6362-1486", "", "account")]
    [InlineData("/v1/no-such-call/4539 5787 6362 1486", "", "", "path")]
    [InlineData("/v1/accounts/a1", "account=a1", "?why=card+4539+5787+6362+1486&who=ana", "why")]
    [InlineData("/v1/accounts/a1", "account=a1", "?why=request&who=4539578763621486", "who")]
    [InlineData("/v1/audit", "", "?4539578763621486=1", "query")]
    // A component id is let through however its digits fall, but not what else the URL holds, nor the same digits as an account.
    [InlineData("/v1/components/c-4539578763621486/path", "id=c-4539578763621486", "?from=4539578763621486&to=bob", "from")]
    [InlineData("/v1/components/c-4539578763621486/path/4539578763621486", "id=c-4539578763621486", "", "path")]
    [InlineData("/v1/accounts/c-4539578763621486", "account=c-4539578763621486", "", "account")]
    public void ACardNumberInTheUrl_IsFound_InTheFieldThatHoldsIt(string path, string route, string query, string field) =>
        Assert.Equal(field, CardNumbersInUrls.FieldHoldingOne(Route(route), new PathString(path), Query(query)));

    [Theory]
    // Numeric account ids and tokens are not card numbers: no issuer's prefix at that length, or no Luhn, or glued to letters.
    [InlineData("/v1/accounts/1234567890123456", "account=1234567890123456", "?why=ticket+4539578763621487")]
    [InlineData("/v1/accounts/acct4539578763621486", "account=acct4539578763621486", "?top=5&by=score")]
    [InlineData("/v1/components/c-00000000000000a1/path", "id=c-00000000000000a1", "?from=alice&to=bob")]
    [InlineData("/v1/components/c-4539578763621486/features", "id=c-4539578763621486", "")]
    public void AUrlWithoutACardNumber_IsLetThrough(string path, string route, string query) =>
        Assert.Null(CardNumbersInUrls.FieldHoldingOne(Route(route), new PathString(path), Query(query)));

    private static RouteValueDictionary Route(string pair) =>
        pair.Length == 0 ? [] : new RouteValueDictionary { [pair.Split('=')[0]] = pair.Split('=')[1] };

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));
}
