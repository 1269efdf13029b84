using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Keys;

public sealed class IpRangeKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.0/24")]
    [InlineData("203.0.113.255", "203.0.113.0/24")]
    [InlineData("10.0.0.1", "10.0.0.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1::/48")]
    [InlineData("2001:DB8:1::1", "2001:db8:1::/48")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0/24")]
    [InlineData("::1", "::/48")]
    public void Fold_DefaultPrefixes_GivesTheRange(string ip, string expected)
    {
        Assert.True(IpRangeKey.TryFold(ip, 24, 48, out var range, out var error), error);
        Assert.Equal(expected, range);
    }

    [Theory]
    [InlineData("203.0.113.7", 16, 64, "203.0.0.0/16")]
    [InlineData("203.0.113.7", 32, 64, "203.0.113.7/32")]
    [InlineData("2001:db8:aaaa:bbbb:cccc::1", 24, 64, "2001:db8:aaaa:bbbb::/64")]
    [InlineData("::ffff:198.51.100.9", 20, 64, "198.51.96.0/20")]
    public void Fold_ConfiguredPrefixes_AreHonoured(string ip, int v4, int v6, string expected)
    {
        Assert.True(IpRangeKey.TryFold(ip, v4, v6, out var range, out _));
        Assert.Equal(expected, range);
    }

    [Theory]
    [InlineData("999.1.1.1")]
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3")]
    [InlineData("1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("01.2.3.4444")]
    [InlineData("a.b.c.d")]
    [InlineData("1.2.3.4 ")]
    [InlineData("")]
    [InlineData("::zz")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::1::2")]
    public void Fold_ImpossibleAddress_IsRefused(string ip)
    {
        Assert.False(IpRangeKey.TryFold(ip, 24, 48, out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("100.64.0.0/10", "100.72.3.0/24", true)]
    [InlineData("100.64.0.0/10", "100.128.0.0/24", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::/48", true)]
    [InlineData("10.0.0.0/24", "10.0.0.0/16", false)]
    public void Contains_RangeInsideCidr(string cidr, string range, bool expected) =>
        Assert.Equal(expected, IpRangeKey.Contains(cidr, range));
}
