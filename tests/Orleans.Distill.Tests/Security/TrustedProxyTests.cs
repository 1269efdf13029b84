using System.Net;
using System.Text.RegularExpressions;
using Orleans.Distill.Host.AnalystConsole;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>The host behind a proxy on loopback that terminates TLS and says so in <c>X-Forwarded-Proto</c>.</summary>
public sealed class LoopbackProxyHostFixture() : ApiKeyHostFixture(["--Distill:Proxy:TrustedProxies:0", "127.0.0.1"]);

/// <summary>The host behind a proxy elsewhere: requests from loopback do not come through it.</summary>
public sealed class ElsewhereProxyHostFixture() : ApiKeyHostFixture(["--Distill:Proxy:TrustedProxies:0", "10.9.0.0/16"]);

/// <summary>
/// Behind a proxy that terminates TLS, the console's cookies (the session cookie holds the analyst's key) must be
/// Secure, or a browser would send them over plain HTTP; and no client may claim TLS by sending the header itself.
/// </summary>
public sealed class TrustedProxyTests(LoopbackProxyHostFixture trusted, ElsewhereProxyHostFixture elsewhere, ApiKeyHostFixture none)
    : IClassFixture<LoopbackProxyHostFixture>, IClassFixture<ElsewhereProxyHostFixture>, IClassFixture<ApiKeyHostFixture>
{
    [Fact]
    public async Task ThroughATrustedProxy_TheForwardedSchemeCounts_AndTheConsoleCookiesAreSecure()
    {
        var (antiforgery, session) = await SignInAsync(trusted, forwardedHttps: true);

        Assert.Contains("secure", Attributes(antiforgery));
        Assert.Contains("secure", Attributes(session));
        Assert.Contains("httponly", Attributes(session));
    }

    [Fact]
    public async Task ThroughATrustedProxy_PlainHttpStaysPlain()
    {
        var (antiforgery, session) = await SignInAsync(trusted, forwardedHttps: false);

        Assert.DoesNotContain("secure", Attributes(antiforgery));
        Assert.DoesNotContain("secure", Attributes(session));
    }

    [Theory]
    [InlineData("elsewhere")]
    [InlineData("none")]
    public async Task FromAnAddressNoTrustedProxyHas_TheHeaderIsIgnored(string which)
    {
        var (antiforgery, session) = await SignInAsync(which == "elsewhere" ? elsewhere : none, forwardedHttps: true);

        Assert.DoesNotContain("secure", Attributes(antiforgery));
        Assert.DoesNotContain("secure", Attributes(session));
    }

    /// <summary>Opens the sign-in form and posts it with the analyst's key, as a browser would; returns both Set-Cookie lines.</summary>
    private static async Task<(string Antiforgery, string Session)> SignInAsync(ApiKeyHostFixture host, bool forwardedHttps)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Host.Http.BaseAddress };

        using var open = new HttpRequestMessage(HttpMethod.Get, "/console/signin");
        Forward(open);
        using var form = await client.SendAsync(open);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = SetCookie(form, ConsoleAntiforgery.CookieName);
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), $"name=\"{ConsoleAntiforgery.FormFieldName}\" value=\"([^\"]+)\"").Groups[1].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/console/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [ConsoleAntiforgery.FormFieldName] = token, ["key"] = host.Keys["analyst"] }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        Forward(post);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (antiforgery, SetCookie(signedIn, ConsoleCookieAuthenticationHandler.CookieName));

        void Forward(HttpRequestMessage request)
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            request.Headers.Add("X-Forwarded-Proto", forwardedHttps ? "https" : "http");
        }
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static string[] Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().Split('=')[0].ToLowerInvariant())];
}
