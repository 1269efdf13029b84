using System.Text.Json;
using Orleans.Distill.Security;
using Orleans.Distill.Tests.Host;
using Orleans.Distill.Tests.Simulation;

namespace Orleans.Distill.Tests.Security;

/// <summary><c>keys add|list|revoke</c> as an operator runs them. These redirect the console, so they run one at a time.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeysCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-keys-cli");

    private string File => Path.Combine(_folder.Path, "keys.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Add_PrintsANewKeyOnce_AndTheFileKeepsOnlyItsSaltedHash()
    {
        var (exit, output, error) = await DistillTool.RunCapturingAsync("keys", "add", "ana", "--role", "analyst", "--file", File);

        Assert.True(exit == 0, error);
        var key = output.Trim();
        Assert.Matches("^dk_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("shown only this once", error);
        var text = await System.IO.File.ReadAllTextAsync(File);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(key[ApiKeyFile.Prefix.Length..], text);
        var stored = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(("ana", "analyst"), (stored.GetProperty("name").GetString(), stored.GetProperty("role").GetString()));
        Assert.True(stored.TryGetProperty("salt", out _) && stored.TryGetProperty("hash", out _) && stored.TryGetProperty("created", out _));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        }

        Assert.Equal("ana", ApiKeyFile.Load(File).Find(key)?.Name);
        Assert.Null(ApiKeyFile.Load(File).Find(key[..^1] + (key[^1] == 'A' ? 'B' : 'A')));
    }

    [Fact]
    public async Task List_ShowsNamesRolesAndDates_AndRevokeRemovesOne()
    {
        await DistillTool.RunCapturingAsync("keys", "add", "ana", "--role", "analyst", "--file", File);
        await DistillTool.RunCapturingAsync("keys", "add", "signup-flow", "--role", "risk", "--file", File);

        var (_, listed, _) = await DistillTool.RunCapturingAsync("keys", "list", "--file", File);
        var lines = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["ana\tanalyst", "signup-flow\trisk"], lines.Select(l => string.Join('\t', l.Split('\t').Take(2))));

        var (exit, _, _) = await DistillTool.RunCapturingAsync("keys", "revoke", "ana", "--file", File);
        Assert.Equal(0, exit);
        Assert.Equal(["signup-flow"], ApiKeyFile.Load(File).Keys.Select(k => k.Name));
    }

    [Theory]
    [InlineData("add ana --role superuser", "--role: 'superuser' is not a role")]
    [InlineData("add bad/name --role admin", "NAME: 'bad/name' must be 1-64 characters")]
    [InlineData("revoke nobody", "NAME: no key named 'nobody'")]
    public async Task BadRequests_AreRefusedNamingWhatIsWrong(string args, string says)
    {
        var (exit, _, error) = await DistillTool.RunCapturingAsync([.. "keys".Split(' '), .. args.Split(' '), "--file", File]);
        Assert.Equal(2, exit);
        Assert.Contains(says, error);
    }

    [Fact]
    public async Task OneKeyPerName_ASecondIsRefused()
    {
        await DistillTool.RunCapturingAsync("keys", "add", "ana", "--role", "analyst", "--file", File);
        var (exit, _, error) = await DistillTool.RunCapturingAsync("keys", "add", "ana", "--role", "admin", "--file", File);
        Assert.Equal(2, exit);
        Assert.Contains("a key named 'ana' exists already", error);
        Assert.Equal(ApiKeyRole.Analyst, Assert.Single(ApiKeyFile.Load(File).Keys).Role);
    }
}
