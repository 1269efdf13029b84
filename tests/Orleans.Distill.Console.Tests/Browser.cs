using Microsoft.Playwright;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// Debian's chromium, driven by Playwright: its own browser download cannot be reached from here. Each test opens its
/// own context (its own cookies).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    private IBrowser? _instance;

    public IBrowser Instance => _instance ?? throw new InvalidOperationException("the browser did not start");

    /// <summary>Screenshots the tests save, beside the test assembly.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs Debian's chromium package");
        _playwright = await Playwright.CreateAsync();
        _instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in a container has no user namespace for chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        // A browser that never started has nothing to close: its start's failure is the one to report.
        if (_instance is not null)
        {
            await _instance.CloseAsync();
        }

        _playwright?.Dispose();
    }

    public async Task<IBrowserContext> NewContextAsync() =>
        await Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
}
