using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Distill.Security;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>Each key has a token bucket sized by its role: past it, <c>429</c> with <c>Retry-After</c>, and no other key is held up.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-limits");
    private readonly Dictionary<string, string> _keys = [];
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_folder.Path, "keys.json");
        var file = ApiKeyFile.Load(path);
        _keys["signup-flow"] = file.Add("signup-flow", ApiKeyRole.Risk, DateTime.UtcNow).Key;
        _keys["other-flow"] = file.Add("other-flow", ApiKeyRole.Risk, DateTime.UtcNow).Key;
        // A key of its own for each endpoint, so that each starts with a full bucket of one.
        foreach (var endpoint in ApiKeyTests.Endpoints.Select(e => $"{e[0]} {e[1]}"))
        {
            _keys[endpoint] = file.Add($"admin-{_keys.Count}", ApiKeyRole.Admin, DateTime.UtcNow).Key;
        }

        file.Save(path);
        _host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory", "--keys", path,
            "--Distill:Auth:RateLimits:risk:PermitsPerSecond=1", "--Distill:Auth:RateLimits:risk:Burst=3",
            "--Distill:Auth:RateLimits:admin:PermitsPerSecond=1", "--Distill:Auth:RateLimits:admin:Burst=1");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task PastItsBucket_AKeyIsTold429WithRetryAfter_WhileAnotherKeyIsNot()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await CheckAsync("signup-flow"));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 12 - 3 - 2, 12 - 3);
        var first = limited[0];
        Assert.InRange(first.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var error = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("'signup-flow' is over its rate limit", error);

        Assert.Equal(HttpStatusCode.OK, (await CheckAsync("other-flow")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/health")).StatusCode);
        await Eventually.WaitUntilAsync(async () => (await CheckAsync("signup-flow")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the bucket to refill");
    }

    [Theory]
    [MemberData(nameof(ApiKeyTests.Endpoints), MemberType = typeof(ApiKeyTests))]
    public async Task EveryEndpoint_Answers429WithRetryAfter_PastTheKeysBucket(string method, string path, string? body, string allowed)
    {
        Assert.Contains("admin", allowed);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, path == "/v1/events" ? "application/x-ndjson" : "application/json");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _keys[$"{method} {path}"]);
            answers.Add(await _host.Http.SendAsync(request));
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, answers[0].StatusCode);
        var limited = answers.FirstOrDefault(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited is not null, $"{method} {path}: no 429 in {string.Join(", ", answers.Select(a => (int)a.StatusCode))}");
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.Contains("over its rate limit", await limited.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> CheckAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/risk/signup") { Content = JsonContent.Create(new { ip = "198.51.100.4" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _keys[key]);
        return await _host.Http.SendAsync(request);
    }
}
