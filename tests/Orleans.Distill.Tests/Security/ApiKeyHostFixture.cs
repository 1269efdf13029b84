using System.Net.Http.Headers;
using System.Text;
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

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
