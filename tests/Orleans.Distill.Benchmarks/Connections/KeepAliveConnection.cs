using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// One client connection: an HTTP/1.1 keep-alive client with a handler of its own limited to one connection, so N of
/// these hold N sockets to the host, as N separate callers would. A shared pool would open only as many as it needs.
/// </summary>
public sealed class KeepAliveConnection : IDisposable
{
    private static readonly byte[] DenyDecision = "\"decision\":\"deny\""u8.ToArray();
    private static readonly byte[] ReviewDecision = "\"decision\":\"review\""u8.ToArray();
    private static readonly byte[] AllowDecision = "\"decision\":\"allow\""u8.ToArray();
    private static readonly byte[] DegradedTrue = "\"degraded\":true"u8.ToArray();

    private readonly HttpClient _http;

    /// <param name="connects">Counts every TCP connection the client opens: more than one per client means the host closed some.</param>
    public KeepAliveConnection(Uri address, TimeSpan timeout, Action connects)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = timeout,
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    connects();
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = address,
            Timeout = timeout,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Opens the connection with <c>GET /health</c>: no key needed, no graph read.</summary>
    public async Task<Answer> OpenAsync()
    {
        try
        {
            using var response = await _http.GetAsync("/health");
            await response.Content.ReadAsByteArrayAsync();
            return new Answer((int)response.StatusCode, response.IsSuccessStatusCode ? "ok" : Answer.NonSuccess);
        }
        catch (Exception e)
        {
            return RequestFailure.Classify(e);
        }
    }

    public async Task<Answer> SendAsync(ConnectionRequest request)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = new ByteArrayContent(request.Body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Key);
            using var response = await _http.SendAsync(message);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return new Answer(status, Answer.NonSuccess, RetryAfter: response.Headers.RetryAfter is not null);
            }

            // A byte search, not a JSON parse: with thousands of connections on two cores the bench's own CPU is scarce.
            var span = body.AsSpan();
            var outcome = request.Kind == ConnectionMix.EventPost ? "accepted"
                : span.IndexOf(DenyDecision) >= 0 ? "deny"
                : span.IndexOf(ReviewDecision) >= 0 ? "review"
                : span.IndexOf(AllowDecision) >= 0 ? "allow"
                : "no decision";
            return new Answer(status, outcome, Degraded: span.IndexOf(DegradedTrue) >= 0);
        }
        catch (Exception e)
        {
            // Every failure is an outcome to count, never a reason to stop the connection.
            return RequestFailure.Classify(e);
        }
    }

    public void Dispose() => _http.Dispose();
}
