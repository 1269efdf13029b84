namespace Orleans.Distill.Tests.Host;

/// <summary>A setting that makes no sense stops the real host before its silo starts, with one line naming it.</summary>
public sealed class SettingsValidationTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-settings");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WithoutKeys_TheHostRefusesToListenBeyondLoopback_SayingHowToMakeAKey()
    {
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, TimeSpan.FromSeconds(60),
            "--data", _folder.Path, "--urls", $"http://0.0.0.0:{HostProcess.FreePort()}",
            "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString());

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains("listens beyond loopback without API keys", line);
        Assert.Contains("keys add NAME --role admin --file keys.json", line);
    }

    /// <summary>Kestrel:Endpoints overrides --urls; the host judges where its server did bind, then stops.</summary>
    [Fact]
    public async Task WithoutKeys_AKestrelEndpointBeyondLoopback_IsRefusedToo()
    {
        var port = HostProcess.FreePort();
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, TimeSpan.FromSeconds(90),
            "--data", _folder.Path, "--storage", "memory", $"--Kestrel:Endpoints:Api:Url=http://0.0.0.0:{port}",
            "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString());

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains($"http://0.0.0.0:{port} listens beyond loopback without API keys", line);
        Assert.Contains("keys add NAME --role admin --file keys.json", line);
    }

    [Fact]
    public async Task TlsWithACertificateThatIsNotThere_StopsTheHost_NamingTheFile()
    {
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, TimeSpan.FromSeconds(60),
            "--data", _folder.Path, "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString(),
            "--Distill:Tls:Enabled=true", "--Distill:Tls:CertificatePath=/nonexistent/tls.crt");

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Equal("Orleans.Distill cannot start: Distill:Tls:CertificatePath '/nonexistent/tls.crt' does not exist", line.Trim());
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("--Distill:Graph:IndexPartitions=0", "Distill:Graph:IndexPartitions must be from 1 to 1024 (is 0)")]
    [InlineData("--Distill:Scoring:ReviewAt=0.9", "Distill:Scoring:ReviewAt and DenyAt need 0 < ReviewAt <= DenyAt <= 1 (are 0.9 and 0.65)")]
    [InlineData("--Distill:Scoring:RateEvennessFrom=0.95", "Distill:Scoring:RateEvennessFrom and RateEvennessTo need 0 <= RateEvennessFrom < RateEvennessTo <= 1 (are 0.95 and 0.9)")]
    [InlineData("--Distill:Scoring:PresencePriorDays=-1", "Distill:Scoring:PresencePriorDays must be 0 or more (is -1)")]
    [InlineData("--Distill:Detection:HubThresholds:phone=3", "Distill:Detection:HubThresholds: 'phone' is not an entity kind")]
    [InlineData("--Distill:Detection:PlaceRateFactor=0.5", "Distill:Detection:PlaceRateFactor must be 0 (off) or at least 1 (is 0.5)")]
    [InlineData("--Distill:Detection:WakeDays=-1", "Distill:Detection:WakeDays must not be negative (is -1)")]
    [InlineData("--Distill:Keys:IPv4PrefixLength=40", "Distill:Keys:IPv4PrefixLength must be from 8 to 32 (is 40)")]
    [InlineData("--Distill:Ingest:MaxLineBytes=10", "Distill:Ingest:MaxLineBytes must be at least 256")]
    [InlineData("--Distill:Storage:Synchronous=SOMETIMES", "Distill:Storage:Synchronous must be FULL or NORMAL (is 'SOMETIMES')")]
    [InlineData("--Distill:Silo:Clustering=zookeeper", "Distill:Silo:Clustering must be 'localhost', 'postgres' or 'kubernetes', not 'zookeeper'")]
    [InlineData("--Distill:Risk:Deadline=50ms", "Failed to convert configuration value '50ms' at 'Distill:Risk:Deadline' to type 'System.TimeSpan'")]
    [InlineData("--Distill:Silo:SiloPort=eleven", "Failed to convert configuration value 'eleven' at 'Distill:Silo:SiloPort' to type 'System.Int32'")]
    [InlineData("--keys=/nonexistent/keys.json", "Distill:Auth:KeysFile (--keys) '/nonexistent/keys.json' does not exist")]
    [InlineData("--Distill:Auth:RateLimits:robot:PermitsPerSecond=5", "Distill:Auth:RateLimits: 'robot' is not a role")]
    [InlineData("--Distill:Auth:RateLimits:risk:Burst=1", "Distill:Auth:RateLimits:risk needs PermitsPerSecond >= 1 and Burst >= PermitsPerSecond (are 5000 and 1)")]
    [InlineData("--Distill:Telemetry:Exporter=statsd", "Distill:Telemetry:Exporter must be 'console', 'otlp' or 'none', not 'statsd'")]
    [InlineData("--Distill:Risk:Deadline=00:00:00", "Distill:Risk:Deadline must be more than 0 and at most 00:00:10 (is 00:00:00)")]
    [InlineData("--Distill:Risk:Deadline=00:00:30", "Distill:Risk:Deadline must be more than 0 and at most 00:00:10 (is 00:00:30)")]
    [InlineData("--Distill:Risk:Degraded=shut", "Distill:Risk:Degraded must be 'open' or 'closed', not 'shut'")]
    [InlineData("--Distill:Retention:Links=10.00:00:00", "Distill:Retention:Links (10.00:00:00) must be at least the longest window of Distill:Detection (30.00:00:00)")]
    [InlineData("--Distill:Tls:Enabled=true", "Distill:Tls:CertificatePath is not set")]
    [InlineData("--Distill:Proxy:TrustedProxies:0=10.0.0.0/33", "Distill:Proxy:TrustedProxies:0 '10.0.0.0/33' is neither an IP address nor a network such as 10.0.0.0/8")]
    [InlineData("--Distill:Tls:Enabled=yes", "Failed to convert configuration value 'yes' at 'Distill:Tls:Enabled' to type 'System.Boolean'")]
    public async Task BadSetting_StopsTheHost_WithOneLineNamingIt(string setting, string expected)
    {
        var (exit, output) = await HostProcess.RunToExitAsync(_folder.Path, TimeSpan.FromSeconds(60),
            "--data", _folder.Path, "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString(), setting);

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", output);
    }
}
