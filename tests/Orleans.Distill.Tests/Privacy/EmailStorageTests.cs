using System.Net;
using System.Text;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Privacy;

/// <summary>Emails are stored as a keyed hash and their domain: after a run, the address is nowhere in the SQLite files.</summary>
public sealed class EmailStorageTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-email");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AnEmail_IsStoredOnlyAsAKeyedHashAndItsDomain()
    {
        await using (var host = await HostProcess.StartAsync(_folder.Path))
        {
            const string lines = """
                {"type":"signup","account":"mail1","at":"2026-04-22T10:00:00Z","ip":"203.0.113.7","email":"Alice.Smith@Example.com","id":"m1"}
                {"type":"signup","account":"mail2","at":"2026-04-22T10:01:00Z","ip":"203.0.113.8","email":"bob.jones@mail.example.org","id":"m2"}
                """;
            using var response = await host.Http.PostAsync("/v1/events", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // Sent again, the same events are still recognised as the same.
            using var again = await host.Http.PostAsync("/v1/events", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
            Assert.Contains("\"duplicates\":2", await again.Content.ReadAsStringAsync());
        }

        var stored = Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.Contains(stored, b => b.AsSpan().IndexOf("@example.com"u8) >= 0);
        Assert.Contains(stored, b => b.AsSpan().IndexOf("@mail.example.org"u8) >= 0);
        foreach (var local in new[] { "Alice.Smith", "alice.smith", "bob.jones" })
        {
            Assert.All(stored, b => Assert.True(b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(local)) < 0, $"'{local}' is stored"));
        }
    }
}
