using Orleans.Distill.Host.Hosting;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Security;

/// <summary>Which addresses the host, without keys, may listen on: loopback only.</summary>
public sealed class ListeningGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://LOCALHOST:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://127.0.0.1:0")]
    public void ALoopbackAddress_MayBeListenedOn(string url) => Assert.Null(ListeningGuard.BeyondLoopback([url]));

    [Theory]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("https://10.0.0.7:5080")]
    [InlineData("http://203.0.113.7:5080")]
    [InlineData("http://example.com:5080")]
    [InlineData("http://localhost.example.com:5080")]
    [InlineData("not a url")]
    public void AnyOtherAddress_IsBeyondLoopback(string url) => Assert.Equal(url, ListeningGuard.BeyondLoopback([url]));

    [Fact]
    public void AMixedList_IsJudgedByItsFirstAddressBeyondLoopback() =>
        Assert.Equal("http://0.0.0.0:5081", ListeningGuard.BeyondLoopback(["http://127.0.0.1:5080", "http://[::1]:5080", "http://0.0.0.0:5081", "http://*:5082"]));

    [Fact]
    public void AListOfLoopbackAddresses_MayBeListenedOn() =>
        Assert.Null(ListeningGuard.BeyondLoopback(["http://127.0.0.1:5080", "http://localhost:5081", "http://[::1]:5082"]));

    /// <summary>
    /// The README's first command gives no --urls. Its port may be taken on a shared machine, so the host is built,
    /// not started, and what it would listen on is judged.
    /// </summary>
    [Fact]
    public async Task WithoutUrls_TheHostListensOnLoopback()
    {
        using var folder = new TempFolder("distill-default-url");
        await using var app = DistillHost.Build(
        [
            "--storage", "memory", "--data", folder.Path,
            "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString(),
            "--Distill:Telemetry:Exporter", "none",
        ]);

        Assert.Equal(["http://127.0.0.1:5080"], DistillHost.ConfiguredUrls(app.Configuration));
        Assert.Equal("http://127.0.0.1:5080", app.Configuration["urls"]);
        Assert.Null(ListeningGuard.BeyondLoopback(DistillHost.ConfiguredUrls(app.Configuration)));
    }
}
