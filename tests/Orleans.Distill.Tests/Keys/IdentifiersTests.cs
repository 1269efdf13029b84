using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Keys;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("user_42")]
    [InlineData("org:acme@team-1.x")]
    public void ValidAccounts(string account) => Assert.True(Identifiers.IsValidAccount(account));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/y")]
    [InlineData("ünï")]
    public void InvalidAccounts(string account) => Assert.False(Identifiers.IsValidAccount(account));

    [Fact]
    public void Account_LongerThan128_IsInvalid()
    {
        Assert.True(Identifiers.IsValidAccount(new string('a', 128)));
        Assert.False(Identifiers.IsValidAccount(new string('a', 129)));
    }

    [Fact]
    public void NodeKeys_RoundTrip()
    {
        var key = NodeKey.Entity(EntityKind.IpRange, "203.0.113.0/24");
        Assert.Equal("ip_range:203.0.113.0/24", key);
        Assert.True(NodeKey.TryParse(key, out var kind, out var value));
        Assert.Equal(EntityKind.IpRange, kind);
        Assert.Equal("203.0.113.0/24", value);
        Assert.Equal(EntityKind.Account, NodeKey.KindOf(NodeKey.Account("alice:x")));
        Assert.False(NodeKey.TryParse("planet:mars", out _, out _));
    }
}
