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
        var lines = Enumerable.Range(0, 3).Select(i => $$"""{"type":"payment","account":"three{{i}}","at":"2026-04-22T10:00:00Z","instrument":"tok_three"}""")
            .Concat(Enumerable.Range(0, 4).Select(i => $$"""{"type":"payment","account":"four{{i}}","at":"2026-04-22T10:00:00Z","instrument":"tok_four"}"""));
        using (var ingest = await fixture.SendAsync(HttpMethod.Post, "/v1/events", string.Join('\n', lines), "ingest", "application/x-ndjson"))
        {
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        }

        using (var three = await fixture.SendAsync(HttpMethod.Post, "/v1/entities/benign", """{"kind":"instrument","entity":"tok_three","why":"a household"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        }

        Assert.True(await AuditAndApprovalTests.IsBenignAsync(fixture, "three0", "tok_three"));

        using (var four = await fixture.SendAsync(HttpMethod.Post, "/v1/entities/benign", """{"kind":"instrument","entity":"tok_four","why":"a household"}""", "analyst"))
        {
            Assert.Equal(HttpStatusCode.Accepted, four.StatusCode);
            Assert.Contains("linked to more than 3 accounts", JsonDocument.Parse(await four.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        Assert.False(await AuditAndApprovalTests.IsBenignAsync(fixture, "four0", "tok_four"));
    }
}
