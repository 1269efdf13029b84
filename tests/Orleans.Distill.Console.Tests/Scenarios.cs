using System.Text;
using System.Text.Json;

namespace Orleans.Distill.Console.Tests;

/// <summary>Event batches, as NDJSON, for the console's tests.</summary>
public static class Scenarios
{
    public static string Lines(IEnumerable<object> events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
        {
            text.Append(JsonSerializer.Serialize(e)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// A ring of <paramref name="size"/> accounts signed up within days of each other on one device, paying with two
    /// cards, sending identical coding traffic; and a family of three sharing a home /24 and nothing else.
    /// </summary>
    public static string RingAndFamily(string prefix, int size = 8) => Lines(Ring(prefix, size).Concat(
    [
        new { type = "signup", account = $"{prefix}fam0", at = "2026-03-01T18:00:00Z", ip = "198.51.100.5", id = $"{prefix}f0" },
        new { type = "signup", account = $"{prefix}fam1", at = "2026-03-09T19:00:00Z", ip = "198.51.100.6", id = $"{prefix}f1" },
        new { type = "signup", account = $"{prefix}fam2", at = "2026-04-02T08:00:00Z", ip = "198.51.100.7", id = $"{prefix}f2" },
    ]));

    /// <summary>
    /// A team of three on one card in one office, running the same coding pipeline: ring-like traffic that a small
    /// group in a place of its own offsets.
    /// </summary>
    public static string TeamInOneOffice(string prefix) => Lines(Enumerable.Range(0, 3).SelectMany(i =>
    {
        var account = $"{prefix}team{i}";
        return new object[]
        {
            new { type = "signup", account, at = $"2026-04-{14 + i}T09:00:00Z", ip = $"192.0.2.{10 + i}", id = $"{prefix}ts{i}" },
            new { type = "payment", account, at = $"2026-04-16T11:0{i}:00Z", instrument = "tok_team", id = $"{prefix}tp{i}" },
            new { type = "usage", account, at = "2026-04-17T11:00:00Z", ip = $"192.0.2.{10 + i}", requests = 300, category = "coding", id = $"{prefix}tu{i}" },
        };
    }));

    /// <summary>
    /// The ring: <paramref name="size"/> accounts signed up over three days from April <paramref name="firstDay"/>,
    /// all paying and sending traffic on April 22nd.
    /// </summary>
    public static IEnumerable<object> Ring(string prefix, int size, string device = "dev_ring", string template = "tpl_ring", string card = "tok_ring",
        string net = "203.0.113", int firstDay = 20)
    {
        for (var i = 0; i < size; i++)
        {
            var account = $"{prefix}ring{i}";
            yield return new { type = "signup", account, at = $"2026-04-{firstDay + (i % 3):00}T10:{i % 60:00}:00Z", ip = $"{net}.{i}", device, id = $"{prefix}s{i}" };
            yield return new { type = "payment", account, at = $"2026-04-22T10:{i % 60:00}:00Z", instrument = $"{card}_{i % 2}", id = $"{prefix}p{i}" };
            yield return new { type = "usage", account, at = $"2026-04-22T11:{i % 60:00}:00Z", template, requests = 500, category = "coding", id = $"{prefix}u{i}" };
        }
    }
}
