using System.Net;
using System.Text;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Console.Tests;

/// <summary>A page on another origin (another loopback port) that serves one HTML document, as an attacker's site would.</summary>
public sealed class AttackerSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _html;

    public AttackerSite(string html)
    {
        _html = html;
        Url = $"http://127.0.0.1:{HostProcess.FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var body = Encoding.UTF8.GetBytes(_html);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
