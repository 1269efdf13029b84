using System.Security.Cryptography;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Keys;

public sealed class EmailPseudonymTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void AnAddress_BecomesAKeyedHashAndItsDomain_TheSameWhateverItsCase()
    {
        var pseudonym = EmailPseudonym.Of("Alice.Smith@Example.com", Key);

        Assert.Matches("^h:[0-9a-f]{32}@example\\.com$", pseudonym);
        Assert.DoesNotContain("alice", pseudonym, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(pseudonym, EmailPseudonym.Of("  alice.smith@EXAMPLE.COM ", Key));
        Assert.NotEqual(pseudonym, EmailPseudonym.Of("alice.smyth@example.com", Key));
        Assert.True(EmailPseudonym.IsPseudonym(pseudonym));
    }

    [Fact]
    public void AnotherKey_GivesAnotherPseudonym_SoItCannotBeRebuiltFromGuessesAlone()
    {
        Assert.NotEqual(EmailPseudonym.Of("bob@example.org", Key), EmailPseudonym.Of("bob@example.org", RandomNumberGenerator.GetBytes(32)));
        Assert.Matches("^h:[0-9a-f]{32}$", EmailPseudonym.Of("no-domain", Key));
    }
}
