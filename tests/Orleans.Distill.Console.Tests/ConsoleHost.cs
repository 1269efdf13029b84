using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Orleans.Distill.Security;
using Orleans.Distill.Tests;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// The real host on loopback with a keys file: two analysts (ana, ben), an admin, an ingest key and a risk key.
/// Calls made here go through the public API with a bearer key, as any client's.
/// </summary>
public class ConsoleHost : IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-console");

    public HostProcess Host { get; private set; } = null!;

    public string KeysFile => Path.Combine(_folder.Path, "keys.json");

    /// <summary>Keys by name.</summary>
    public Dictionary<string, string> Keys { get; } = [];

    public string BaseUrl => Host.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Signs <paramref name="page"/> in through the sign-in form with the key of <paramref name="name"/>.</summary>
    public async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync($"{BaseUrl}/console/signin");
        await page.FillAsync("#key", Keys[name]);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>Settings added to the host's command line.</summary>
    protected virtual string[] Settings => [];

    public async Task InitializeAsync()
    {
        var file = ApiKeyFile.Load(KeysFile);
        foreach (var (name, role) in new[] { ("ana", ApiKeyRole.Analyst), ("ben", ApiKeyRole.Analyst), ("boss", ApiKeyRole.Admin), ("feeder", ApiKeyRole.Ingest), ("signup", ApiKeyRole.Risk) })
        {
            Keys[name] = file.Add(name, role, DateTime.UtcNow).Key;
        }

        file.Save(KeysFile);
        Host = await HostProcess.StartAsync(_folder.Path, ["--storage", "memory", "--keys", KeysFile, .. Settings]);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }

    public HttpClient As(string name)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[name]);
        return client;
    }

    public async Task IngestAsync(string ndjson)
    {
        using var client = As("feeder");
        using var response = await client.PostAsync("/v1/events", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.EnsureSuccessStatusCode();
        Assert.Equal(0, body.GetProperty("rejected").GetArrayLength());
    }

    public async Task<JsonElement> GetAsync(string path, string who = "boss")
    {
        using var client = As(who);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    public async Task<string> ComponentOfAsync(string account) =>
        (await GetAsync($"/v1/accounts/{account}")).GetProperty("component").GetString()!;

    /// <summary>
    /// Waits until detection has nothing left to re-score: a component may be listed from a first rebuild while the
    /// rest of its batch is still on the way, and change size and score once the last rebuild is done.
    /// </summary>
    public Task WaitSettledAsync() => Eventually.AssertAsync(async () =>
        Assert.Equal(0, (await GetAsync("/v1/status")).GetProperty("rebuild_backlog").GetInt64()), TimeSpan.FromSeconds(60));

    /// <summary>Waits until detection has scored <paramref name="account"/>'s component and the queue lists it.</summary>
    public async Task<string> WaitQueuedAsync(string account)
    {
        string component = "";
        await Eventually.AssertAsync(async () =>
        {
            component = await ComponentOfAsync(account);
            var queue = await GetAsync("/v1/queue");
            Assert.Contains(queue.EnumerateArray(), i => i.GetProperty("id").GetString() == component);
        }, TimeSpan.FromSeconds(60));
        return component;
    }
}
