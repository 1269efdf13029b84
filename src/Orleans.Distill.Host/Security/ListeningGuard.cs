using System.Net;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// Without keys, the API is open to whoever reaches it: it may then listen on loopback only. Judges URLs as Kestrel
/// reads them: a host that is neither <c>localhost</c> nor a loopback address (a wildcard, a name) means every address.
/// </summary>
public static class ListeningGuard
{
    /// <summary>The first URL that listens beyond loopback, or null.</summary>
    public static string? BeyondLoopback(IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            // Kestrel's wildcards ("*", "+") are not valid URI hosts; they mean every address.
            var host = url.Contains("://*", StringComparison.Ordinal) || url.Contains("://+", StringComparison.Ordinal)
                ? "*"
                : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.Trim('[', ']') : "*";
            var loopback = host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
            if (!loopback)
            {
                return url;
            }
        }

        return null;
    }
}
