using Orleans.Distill.Tests.Host;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>Without a keys file the host serves loopback only, and the console opens without signing in, as the API does.</summary>
public sealed class LoopbackTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-console-loopback");
    private HostProcess _host = null!;

    public async Task InitializeAsync() => _host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory");

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task WithoutKeys_TheConsoleOpensWithoutSignIn()
    {
        var url = _host.BaseAddress.ToString().TrimEnd('/');
        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{url}/console/");
        await Expect(page).ToHaveURLAsync($"{url}/console/");
        await Expect(page.Locator("#who")).ToHaveTextAsync("loopback (admin)");
        await Expect(page.Locator("#queue tbody td.empty")).ToBeVisibleAsync();
        await page.GotoAsync($"{url}/console/signin");
        await Expect(page).ToHaveURLAsync($"{url}/console/");
        Assert.Empty(watch.Problems);
    }

    [Fact]
    public async Task WithoutKeys_APageOnAnotherOriginCannotActThroughTheBrowser()
    {
        var url = _host.BaseAddress.ToString().TrimEnd('/');
        using (var posted = await _host.Http.PostAsync("/v1/events", new StringContent("""
            {"type":"payment","account":"lb-a","at":"2026-04-22T10:00:00Z","instrument":"lb-tok","id":"lb1"}
            {"type":"payment","account":"lb-b","at":"2026-04-22T10:01:00Z","instrument":"lb-tok","id":"lb2"}
            """, System.Text.Encoding.UTF8, "application/x-ndjson")))
        {
            posted.EnsureSuccessStatusCode();
        }

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        using var attacker = new AttackerSite($$"""
            <!doctype html>
            <form id="f" method="post" enctype="text/plain" action="{{url}}/v1/accounts/lb-a/label">
              <input type="hidden" name='{"verdict":"benign","who":"x","why":"forged","pad":"' value='"}'>
            </form>
            <script>document.getElementById('f').submit();</script>
            """);
        var answer = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(attacker.Url), r => r.Url.Contains("/label"));
        Assert.Equal(403, answer.Status);
        Assert.Contains("another origin", await answer.TextAsync());
        var account = await _host.Http.GetStringAsync("/v1/accounts/lb-a");
        Assert.DoesNotContain("forged", account);

        // The console's own page, on the host's origin, still acts.
        await page.GotoAsync($"{url}/console/");
        var status = await page.EvaluateAsync<int>("""
            async () => (await fetch('/v1/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ item: 'c-0123456789abcdef' }) })).status
            """);
        Assert.Equal(200, status);
    }
}
