using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Orleans.Distill.Security;
using Orleans.Distill.Tests;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>Who may use the console: a wrong key is refused, a revoked one is let go, and another site cannot act through it.</summary>
public sealed class SignInTests(ConsoleHost host, Browser browser) : IClassFixture<ConsoleHost>, IClassFixture<Browser>
{
    [Fact]
    public async Task WrongKey_IsRefused_AndSetsNoSession()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/console/signin");
        await page.FillAsync("#key", "dk_" + new string('x', 43));
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/console/signin") && r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.Unauthorized, answer.Status);
        await Expect(page.Locator("#signin-problem")).ToContainTextAsync("not known");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "distill_console");

        // A key of a role that may not use the console is refused too, saying why.
        await page.FillAsync("#key", host.Keys["signup"]);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#signin-problem")).ToContainTextAsync("role risk");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "distill_console");

        // Pages send whoever has no session to the sign-in form, and a forged cookie opens nothing.
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "distill_console", Value = "dk_" + new string('y', 43), Url = host.BaseUrl }]);
        await page.GotoAsync($"{host.BaseUrl}/console/");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/signin");
        var session = await page.APIRequest.GetAsync($"{host.BaseUrl}/console/session");
        Assert.Equal((int)HttpStatusCode.Unauthorized, session.Status);
        var queue = await page.APIRequest.GetAsync($"{host.BaseUrl}/v1/queue");
        Assert.Equal((int)HttpStatusCode.Unauthorized, queue.Status);
    }

    [Fact]
    public async Task ConsolePages_AllowScriptFromTheHostOnly_AndInjectedScriptDoesNotRun()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var signin = await page.GotoAsync($"{host.BaseUrl}/console/signin");
        AssertPolicy("/console/signin", await signin!.AllHeadersAsync());
        await page.FillAsync("#key", host.Keys["ana"]);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("body[data-ready=true] #queue")).ToBeVisibleAsync();
        foreach (var path in new[] { "/console/", "/console/component.html?id=c-0000000000000000", "/console/hub.html?key=device%3Ax", "/console/status.html",
                     "/console/js/queue.js", "/console/vendor/cytoscape.min.js", "/console/css/console.css", "/console/session" })
        {
            var response = await page.APIRequest.GetAsync(host.BaseUrl + path);
            Assert.Equal((int)HttpStatusCode.OK, response.Status);
            AssertPolicy(path, response.Headers);
        }

        // On the queue, the page's own script could still be made to add markup: an inline script, an inline
        // handler and a script from another origin are each refused by the browser, and none of them runs.
        await page.EvaluateAsync("""
            () => {
              window.__violations = [];
              document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
              const inline = document.createElement('script');
              inline.textContent = "window.__injected = 'inline'";
              document.body.append(inline);
              const handler = document.createElement('img');
              handler.setAttribute('onerror', "window.__injected = 'handler'");
              handler.src = '/console/missing.png';
              document.body.append(handler);
              const foreign = document.createElement('script');
              foreign.src = 'http://127.0.0.2:9/injected.js';
              document.body.append(foreign);
            }
            """);
        await page.WaitForFunctionAsync("() => window.__violations.length >= 3", null, new() { Timeout = 10_000 });
        var violations = await page.EvaluateAsync<string[]>("() => window.__violations");
        Assert.Equal(["script-src-attr inline", "script-src-elem http://127.0.0.2:9/injected.js", "script-src-elem inline"], violations.Order(StringComparer.Ordinal));
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__injected"));
    }

    /// <summary>Scripts, and everything else, from the host itself only; no inline script, no eval, nothing from elsewhere.</summary>
    private static void AssertPolicy(string path, IReadOnlyDictionary<string, string> headers)
    {
        Assert.True(headers.TryGetValue("content-security-policy", out var policy), $"{path} has no Content-Security-Policy");
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'none'"], directives["base-uri"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.All(directives, d => Assert.All(d.Value, source => Assert.True(source is "'self'" or "'none'", $"{path}: {d.Key} allows {source}")));
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
    }

    [Fact]
    public async Task RevokedKey_EndsTheSession()
    {
        var file = ApiKeyFile.Load(host.KeysFile);
        var (_, key) = file.Add("temp", ApiKeyRole.Analyst, DateTime.UtcNow);
        file.Save(host.KeysFile);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await Eventually.AssertAsync(async () =>
        {
            await page.GotoAsync($"{host.BaseUrl}/console/signin");
            await page.FillAsync("#key", key);
            await page.ClickAsync("button[type=submit]");
            await Expect(page.Locator("#who")).ToContainTextAsync("temp (analyst)", new() { Timeout = 1000 });
        }, TimeSpan.FromSeconds(30));

        file = ApiKeyFile.Load(host.KeysFile);
        Assert.True(file.Revoke("temp"));
        file.Save(host.KeysFile);
        await Eventually.AssertAsync(async () =>
        {
            var session = await page.APIRequest.GetAsync($"{host.BaseUrl}/console/session");
            Assert.Equal((int)HttpStatusCode.Unauthorized, session.Status);
        }, TimeSpan.FromSeconds(30));
        await page.GotoAsync($"{host.BaseUrl}/console/");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/signin");
    }

    [Fact]
    public async Task CrossSiteFormPost_IsRejected_AndChangesNothing()
    {
        await host.IngestAsync(Scenarios.RingAndFamily("xs-"));
        var ring = await host.WaitQueuedAsync("xs-ring0");

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ana");
        await Expect(page.Locator("#who")).ToContainTextAsync("ana (analyst)");

        // A text/plain form whose body reads as the JSON the label endpoint takes: the classic cross-site request.
        // The other port is the same site, so the SameSite=Strict cookie is sent: only the antiforgery token stops it.
        using var attacker = new AttackerSite($$"""
            <!doctype html>
            <form id="f" method="post" enctype="text/plain" action="{{host.BaseUrl}}/v1/components/{{ring}}/label">
              <input type="hidden" name='{"verdict":"fraud","why":"forged","pad":"' value='"}'>
            </form>
            <script>document.getElementById('f').submit();</script>
            """);
        var answer = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(attacker.Url), r => r.Url.Contains("/label"));
        Assert.Equal((int)HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("antiforgery", await answer.TextAsync());

        // Nothing changed: no account carries a label (detection alone may already deny so plain a ring), and the log has none.
        foreach (var account in new[] { "xs-ring0", "xs-ring5" })
        {
            Assert.False((await host.GetAsync($"/v1/accounts/{account}")).TryGetProperty("label", out _), $"{account} was labelled");
        }

        var audit = await host.GetAsync("/v1/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == ring && e.GetProperty("action").GetString()!.StartsWith("label"));

        // The same request from the console's own page, with its token, goes through: the refusal was the token's.
        var labelled = await page.EvaluateAsync<int>($$"""
            async () => {
              const s = await (await fetch('/console/session')).json();
              const r = await fetch('/v1/components/{{ring}}/label', { method: 'POST', headers: { 'content-type': 'application/json', [s.antiforgery_header]: s.antiforgery_token },
                body: JSON.stringify({ verdict: 'fraud', why: 'from the console' }) });
              return r.status;
            }
            """);
        Assert.Equal((int)HttpStatusCode.OK, labelled);
    }
}
