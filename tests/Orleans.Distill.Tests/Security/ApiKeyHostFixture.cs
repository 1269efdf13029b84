using Orleans.Distill.Security;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>The real host, started with a keys file holding one key of each role.</summary>
public sealed class ApiKeyHostFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-keys");

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
        Host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory", "--keys", KeysFile);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
