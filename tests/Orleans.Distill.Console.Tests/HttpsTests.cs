using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using Orleans.Distill.Security;
using Orleans.Distill.Tests;
using Orleans.Distill.Tests.Host;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// The real host serving HTTPS on loopback, with a self-signed certificate made for the run and handed to Kestrel
/// through its own settings.
/// </summary>
public sealed class HttpsHost : IAsyncLifetime
{
    private readonly TempFolder _folder = new("distill-console-https");
    private HostProcess? _host;

    public string BaseUrl => _host!.BaseAddress.ToString().TrimEnd('/');

    public string AnalystKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var keysPath = Path.Combine(_folder.Path, "keys.json");
        var keys = ApiKeyFile.Load(keysPath);
        AnalystKey = keys.Add("ana", ApiKeyRole.Analyst, DateTime.UtcNow).Key;
        keys.Save(keysPath);

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var certificatePath = Path.Combine(_folder.Path, "tls.crt");
        var keyPath = Path.Combine(_folder.Path, "tls.key");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());

        // Only the certificate made above is trusted: the machine's roots know nothing of it.
        _host = await HostProcess.StartHttpsAsync(_folder.Path, certificatePath, keyPath, certificate.Thumbprint, "--storage", "memory", "--keys", keysPath);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder.Dispose();
    }
}

/// <summary>Over HTTPS the console's cookies are marked Secure, so a browser never sends them over plain HTTP.</summary>
public sealed class HttpsTests(HttpsHost host, Browser browser) : IClassFixture<HttpsHost>, IClassFixture<Browser>
{
    [Fact]
    public async Task OverHttps_TheSessionAndAntiforgeryCookiesAreSecure()
    {
        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/console/signin");
        await page.FillAsync("#key", host.AnalystKey);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#who")).ToContainTextAsync("ana (analyst)");
        await Expect(page.Locator("body[data-ready=true] #queue tbody td.empty")).ToBeVisibleAsync();

        var cookies = await context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "distill_console");
        Assert.True(session.Secure, "the session cookie is not Secure over HTTPS");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.True(Assert.Single(cookies, c => c.Name == "distill_antiforgery").Secure, "the antiforgery cookie is not Secure over HTTPS");

        // Signing out removes the Secure cookie (a removal must match the cookie it replaces).
        await page.ClickAsync("#signout");
        await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/console/signin");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "distill_console");
        Assert.Empty(watch.Problems);
    }
}
