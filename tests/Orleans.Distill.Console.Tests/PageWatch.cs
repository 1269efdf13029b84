using Microsoft.Playwright;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// What a page did that it should not: a dialog opened (<c>alert</c>), a script error, or a content security policy
/// violation, which is what an injected inline script or handler would cause.
/// </summary>
public sealed class PageWatch
{
    private readonly List<string> _problems = [];

    private PageWatch()
    {
    }

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public static async Task<PageWatch> AttachAsync(IBrowserContext context)
    {
        var watch = new PageWatch();
        // Reported through the console, which Playwright hears from every page of the context.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
            """);
        context.Page += (_, page) => watch.Watch(page);
        return watch;
    }

    public void Watch(IPage page)
    {
        page.Dialog += async (_, dialog) =>
        {
            Add($"dialog {dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        page.PageError += (_, error) => Add($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Add($"console error: {message.Text}");
            }
        };
    }

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
