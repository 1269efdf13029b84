using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Security;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>The real host, started with a keys file holding one key of each role.</summary>
public class ApiKeyHostFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-keys");
    private readonly string[] _settings;

    public ApiKeyHostFixture()
        : this([])
    {
    }

    /// <summary>A host with <paramref name="settings"/> on its command line besides the keys.</summary>
    protected ApiKeyHostFixture(string[] settings) => _settings = settings;

    public HostProcess Host { get; private set; } = null!;

    public string KeysFile => Path.Combine(_folder.Path, "keys.json");

    /// <summary>Each role's key, by role name.</summary>
    public Dictionary<string, string> Keys { get; } = [];

    public async Task InitializeAsync()
    {
        var file = ApiKeyFile.Load(KeysFile);
        foreach (var role in Enum.GetValues<ApiKeyRole>())
        {
            Keys[role.Name()] = file.Add($"{role.Name()}-key", role, DateTime.UtcNow).Key;
        }

        file.Save(KeysFile);
        Host = await HostProcess.StartAsync(_folder.Path, ["--storage", "memory", "--keys", KeysFile, .. _settings]);
    }

    /// <summary>A request made with the key of <paramref name="role"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string role, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Keys[role]);
        return await Host.Http.SendAsync(request);
    }

    /// <summary>Ingests one payment for each of <paramref name="accounts"/> accounts, all with <paramref name="card"/>.</summary>
    public async Task PayWithOneCardAsync(string accountPrefix, int accounts, string card)
    {
        var lines = Enumerable.Range(0, accounts).Select(i => $$"""{"type":"payment","account":"{{accountPrefix}}{{i}}","at":"2026-04-22T10:00:00Z","instrument":"{{card}}"}""");
        using var ingest = await SendAsync(HttpMethod.Post, "/v1/events", string.Join('\n', lines), "ingest", "application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
    }

    /// <summary>Whether <paramref name="account"/>'s link to <paramref name="entity"/> is marked benign.</summary>
    public async Task<bool> IsBenignAsync(string account, string entity)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v1/accounts/{account}", null, "analyst");
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        return view.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("entity").GetString() == entity).GetProperty("benign").GetBoolean();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
