using System.Net;
using System.Text.Json;

namespace Orleans.Distill.Tests.Security;

/// <summary>The host with a keys file and <c>Distill:Auth:BenignApprovalAccounts</c> at 3 instead of 20.</summary>
public sealed class LowApprovalThresholdFixture() : ApiKeyHostFixture(["--Distill:Auth:BenignApprovalAccounts=3"]);

/// <summary>The number of accounts past which a benign mark waits for a second analyst is the setting's, not a constant.</summary>
public sealed class BenignApprovalThresholdTests(LowApprovalThresholdFixture fixture) : IClassFixture<LowApprovalThresholdFixture>
{
    [Fact]
    public async Task AMarkOnACardOfThreeAccountsAppliesAtOnce_AndOfFourWaitsForASecondAnalyst()
    {
        await fixture.PayWithOneCardAsync("three", 3, "tok_three");
        await fixture.PayWithOneCardAsync("four", 4, "tok_four");

        using (var three = await fixture.SendAsync(HttpMethod.Post, "/v1/entities/benign", """{"kind":"instrument","entity":"tok_three","why":"a household"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        }

        Assert.True(await fixture.IsBenignAsync("three0", "tok_three"));

        using (var four = await fixture.SendAsync(HttpMethod.Post, "/v1/entities/benign", """{"kind":"instrument","entity":"tok_four","why":"a household"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.Accepted, four.StatusCode);
            Assert.Contains("linked to more than 3 accounts", JsonDocument.Parse(await four.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        Assert.False(await fixture.IsBenignAsync("four0", "tok_four"));
    }
}
