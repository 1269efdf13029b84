using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Orleans.Distill.Host.Hosting;

namespace Orleans.Distill.Tests.Host;

/// <summary>The real host executable, started as its own process on loopback ports.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress, int gatewayPort, HttpMessageHandler handler)
    {
        _process = process;
        BaseAddress = baseAddress;
        GatewayPort = gatewayPort;
        Http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>The silo's Orleans gateway, for clients that call grains.</summary>
    public int GatewayPort { get; }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the host on free loopback ports. A port found free can be taken by another process before the host
    /// binds it; then the host exits at once and is started again on other ports.
    /// </summary>
    public static Task<HostProcess> StartAsync(string dataDirectory, params string[] extraArgs) =>
        StartAsync(dataDirectory, "http", () => new HttpClientHandler(), extraArgs);

    /// <summary>
    /// Starts the host serving HTTPS on loopback with the PEM certificate and key given, trusted by <see cref="Http"/>
    /// only when the server presents that very certificate.
    /// </summary>
    public static Task<HostProcess> StartHttpsAsync(string dataDirectory, string certificatePath, string keyPath, string thumbprint, params string[] extraArgs) =>
        StartAsync(
            dataDirectory,
            "https",
            () => new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint },
            [$"--Kestrel:Certificates:Default:Path={certificatePath}", $"--Kestrel:Certificates:Default:KeyPath={keyPath}", .. extraArgs]);

    private static async Task<HostProcess> StartAsync(string dataDirectory, string scheme, Func<HttpMessageHandler> handler, string[] extraArgs)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDirectory, scheme, handler(), extraArgs);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<HostProcess> StartOnceAsync(string dataDirectory, string scheme, HttpMessageHandler handler, string[] extraArgs)
    {
        var port = FreePort();
        var baseAddress = new Uri($"{scheme}://127.0.0.1:{port}");
        var gatewayPort = FreePort();
        var hostDll = typeof(DistillHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     hostDll, "--urls", baseAddress.ToString().TrimEnd('/'), "--data", dataDirectory,
                     "--silo-port", FreePort().ToString(), "--gateway-port", gatewayPort.ToString(),
                 }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        var host = new HostProcess(Process.Start(start)!, baseAddress, gatewayPort, handler);
        try
        {
            await Eventually.WaitUntilAsync(host.IsHealthyAsync, TimeSpan.FromSeconds(90), "the host to answer /health");
        }
        catch (TimeoutException e)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"{e.Message}\n{host.Output}");
        }

        return host;
    }

    /// <summary>Runs the host with arguments it is expected to refuse, and answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(DistillHost).Assembly.Location, "--urls", $"http://127.0.0.1:{FreePort()}" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within {timeout}:\n{await output}{await error}");
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>Ends the process at once, as <c>kill -9</c> would: no graceful shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }

    private async Task<bool> IsHealthyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
        }

        try
        {
            using var response = await Http.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>
    /// A loopback port free now, and never one handed out before in this process: the system may offer a port
    /// again as soon as it is released, and a host given the same port twice (silo and gateway) refuses to start.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static readonly HashSet<int> HandedOut = [];
}
