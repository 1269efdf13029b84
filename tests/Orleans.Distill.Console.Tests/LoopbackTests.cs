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
}
