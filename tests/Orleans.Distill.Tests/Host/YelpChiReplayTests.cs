using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Tests.Cluster;
using Orleans.Distill.Tests.Deployment;
using Xunit.Abstractions;

namespace Orleans.Distill.Tests.Host;

/// <summary>
/// The giant-component trap on real data: YelpChi's 38,063 reviewers linked by 201 businesses (as template links),
/// replayed over HTTP into the real host. Plain components put 99.9% of them in one; the hub rules must keep the
/// largest component under 5% of the accounts, and flag under 1% of the reviewers Yelp did not filter. The
/// components must also be exactly those of a plain union-find over the links that glue, however many splits the
/// replay set off on the way.
/// </summary>
[Collection(Name)]
public sealed class YelpChiReplayTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Run alone: replaying eight years at full speed is the heaviest thing the suite does.</summary>
    public const string Name = "yelpchi";

    private readonly TempFolder _folder = new("distill-yelp");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("30.00:00:00")] // the default window
    [InlineData("00:00:00")] // no window at all: the hub rules alone
    public async Task Replay_ConvergesToReference_KeepsComponentsSmall_AndFlagsAlmostNoOrdinaryReviewers(string window)
    {
        var folder = YelpChiFolder();
        var lines = ReadLines(Path.Combine(folder, "events.ndjson.gz"));
        var labels = ReadLines(Path.Combine(folder, "labels.csv.gz")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => f[1]);

        await using var host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory", "--Distill:Detection:Window", window);

        // Replaying eight years in seconds expires months of links with every batch: splits hold batches up longer
        // than live traffic ever would.
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        // As the contract asks of every client: a 503 means "send the same batch again"; re-sent events apply once.
        var resends = 0;
        foreach (var batch in lines.Chunk(5_000))
        {
            for (var attempt = 1; ; attempt++)
            {
                using var body = new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson");
                var response = await http.PostAsync("/v1/events", body);
                if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && attempt < 5)
                {
                    resends++;
                    continue;
                }

                Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{host.Output}");
                var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(batch.Length, result.GetProperty("accepted").GetInt32());
                break;
            }
        }

        await Eventually.WaitUntilAsync(async () =>
        {
            var health = await http.GetFromJsonAsync<JsonElement>("/v1/status");
            return health.GetProperty("rebuild_backlog").GetInt32() == 0;
        }, TimeSpan.FromMinutes(5), "detection to catch up with the replay");

        var top = await http.GetFromJsonAsync<JsonElement>("/v1/components?top=1&by=size");
        var largest = top.GetArrayLength() == 0 ? 1 : top[0].GetProperty("accounts").GetInt64();
        var flagged = (await http.GetStringAsync("/v1/flagged"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("account").GetString()!)
            .ToHashSet();
        var ordinary = labels.Count(l => l.Value == "0");
        var ordinaryFlagged = flagged.Count(a => labels.GetValueOrDefault(a) == "0");
        var filteredFlagged = flagged.Count(a => labels.GetValueOrDefault(a) == "1");
        output.WriteLine($"window {window}: {resends} batches re-sent after 503; largest component {largest} of {labels.Count} accounts ({100.0 * largest / labels.Count:F2}%); " +
            $"flagged {flagged.Count}: {ordinaryFlagged} of {ordinary} label-0 ({100.0 * ordinaryFlagged / ordinary:F2}%), {filteredFlagged} label-1");

        // The components are exactly those of a plain union-find over the links that glue: every reference set
        // in one component, and the same sizes (the list holds components of two accounts or more).
        var reference = GraphOracle.Expected(lines.Select(ToEvent), new DetectionOptions { Window = TimeSpan.Parse(window) }).Sets()
            .Where(set => set.Count >= 2)
            .ToList();
        var expectedSizes = reference
            .Select(set => (Accounts: set.Count(n => n.StartsWith("account:", StringComparison.Ordinal)), Nodes: set.Count))
            .Where(set => set.Accounts >= 2)
            .Select(set => Size(set.Accounts, set.Nodes))
            .Order()
            .ToList();
        var listed = await http.GetFromJsonAsync<JsonElement>($"/v1/components?top={DistillApi.MaxTop}&by=size");
        var sizes = listed.EnumerateArray().Select(c => Size(c.GetProperty("accounts").GetInt64(), c.GetProperty("accounts").GetInt64() + c.GetProperty("entities").GetInt64())).Order().ToList();
        output.WriteLine($"window {window}: {expectedSizes.Count} components of two or more accounts in the reference, {sizes.Count} in the cluster");
        foreach (var set in reference)
        {
            var views = new Dictionary<string, JsonElement>();
            foreach (var account in set.Where(n => n.StartsWith("account:", StringComparison.Ordinal)))
            {
                views[account] = await http.GetFromJsonAsync<JsonElement>($"/v1/accounts/{account["account:".Length..]}");
            }

            var components = views.GroupBy(v => v.Value.GetProperty("component").GetString()!).OrderBy(g => g.Count()).ToList();
            if (components.Count > 1)
            {
                // The host's log lines about the components and accounts left apart, and its warnings.
                var names = components.SkipLast(1).SelectMany(g => g.Select(v => v.Key["account:".Length..]).Prepend(g.Key)).ToList();
                foreach (var line in host.Output.Split('\n').Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || names.Any(l.Contains)))
                {
                    output.WriteLine(line);
                }
            }

            Assert.True(components.Count == 1,
                $"a reference component of {set.Count} nodes is spread over {components.Count} components " +
                $"({string.Join(", ", components.Select(g => $"{g.Key}: {g.Count()} accounts"))}); the fewest: " +
                string.Join("\n", components[0].Take(5).Select(v => v.Value.ToString())));
        }

        Assert.Equal(expectedSizes, sizes);

        Assert.True(largest < labels.Count * 0.05, $"largest component holds {largest} of {labels.Count} accounts");
        Assert.True(ordinaryFlagged < ordinary * 0.01, $"{ordinaryFlagged} of {ordinary} ordinary reviewers flagged; top components: {top}");
    }

    private static string Size(long accounts, long nodes) => $"{accounts:D6} accounts, {nodes - accounts:D4} entities";

    private static DistillEvent ToEvent(string line)
    {
        var e = JsonDocument.Parse(line).RootElement;
        return new DistillEvent
        {
            Type = EventType.Usage,
            Account = e.GetProperty("account").GetString()!,
            At = e.GetProperty("at").GetDateTime().ToUniversalTime(),
            Template = e.GetProperty("template").GetString(),
        };
    }

    private static List<string> ReadLines(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>The shared data folder beside the repository's root.</summary>
    private static string YelpChiFolder()
    {
        var folder = RepositoryRoot.Combine("tests/data/yelpchi");
        Assert.True(File.Exists(Path.Combine(folder, "events.ndjson.gz")), $"YelpChi data not found at {folder}");
        return folder;
    }
}

[CollectionDefinition(YelpChiReplayTests.Name, DisableParallelization = true)]
public sealed class YelpChiCollection;
