using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;
using Orleans.Distill.Tests.Cluster;
using Orleans.Distill.Tests.Host;
using Xunit.Abstractions;

namespace Orleans.Distill.Tests.Postgres;

/// <summary>
/// Three silo processes on one PostgreSQL, fed by several clients and asked risk checks throughout, while one silo
/// is killed with <c>kill -9</c>, a new one joins, and another is killed. Afterwards every acknowledged event is
/// in the graph exactly once, and the components equal a plain union-find over the acknowledged events. Every risk
/// check a live silo receives is answered 200 (degraded or not) and in time, whether the cluster notices a dead
/// silo in seconds (the fast membership settings) or in tens of seconds (Orleans' defaults).
/// <c>DISTILL_CHAOS_BATCHES</c> (default 200 batches of 200 events with the fast settings, 60 with the defaults)
/// makes a longer run by hand.
/// </summary>
[Collection(Name)]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const string Name = "chaos";

    private const int BatchSize = 200;
    private const int Producers = 3;
    private const int RiskCheckers = 2;

    private static readonly TimeSpan MaxRiskLatency = TimeSpan.FromSeconds(5);

    private readonly PostgresServer _server = new();
    private readonly TempFolder _folder = new("distill-chaos");
    private readonly List<HostProcess> _started = [];
    private readonly List<HostProcess> _live = [];

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var silo in _started)
        {
            await silo.DisposeAsync();
        }

        await _server.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>
    /// <c>fast</c>: a dead silo is declared dead within seconds, as the test has always run. <c>default</c>: Orleans'
    /// own membership settings, which take tens of seconds; a shorter run, since ingestion waits that long at each kill.
    /// </summary>
    [Theory]
    [InlineData("fast", 200)]
    [InlineData("default", 60)]
    public async Task KilledSilos_LoseNoAcknowledgedEvent_AndRiskChecksKeepAnswering(string membership, int batches)
    {
        var caseClock = Stopwatch.StartNew();
        var batchCount = int.TryParse(Environment.GetEnvironmentVariable("DISTILL_CHAOS_BATCHES"), out var n) ? n : batches;
        var connection = await _server.CreateDatabaseAsync();
        var lines = ChaosWorkload.Lines(batchCount * BatchSize);
        var pending = new ConcurrentQueue<(int Index, string[] Lines)>(lines.Chunk(BatchSize).Select((b, i) => (i, b)));
        var membershipArgs = membership == "fast" ? FastMembership : [];

        for (var i = 0; i < 3; i++)
        {
            await StartSiloAsync(connection, membershipArgs);
        }

        var acknowledged = new ConcurrentBag<int>();
        var resends = 0;
        var checks = new ConcurrentBag<RiskCheck>();
        using var stopChecks = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        // The schedule follows progress, not time: a kill after an eighth of the batches, a new silo (which takes
        // seconds to join) after a fifth, another kill after half.
        var milestones = new[] { batchCount / 8, batchCount / 5, batchCount / 2 };
        var chaos = Task.Run(async () =>
        {
            await Eventually.WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= milestones[0]), TimeSpan.FromMinutes(5), "an eighth of the batches");
            await KillAsync(0, clock);
            await Eventually.WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= milestones[1]), TimeSpan.FromMinutes(5), "a fifth of the batches");
            await StartSiloAsync(connection, membershipArgs);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  a new silo joined");
            await Eventually.WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= milestones[2]), TimeSpan.FromMinutes(5), "half of the batches");
            await KillAsync(0, clock);
        });

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(p);
            while (pending.TryDequeue(out var batch))
            {
                Interlocked.Add(ref resends, await SendUntilAcknowledgedAsync(batch.Lines, random));
                acknowledged.Add(batch.Index);
            }
        })).ToList();

        var checkers = Enumerable.Range(0, RiskCheckers).Select(c => Task.Run(async () =>
        {
            // Closed loop: each checker asks again as soon as it has its answer (or its failure).
            var random = new Random(100 + c);
            while (!stopChecks.IsCancellationRequested)
            {
                checks.Add(await RiskCheckAsync(random, clock));
            }
        })).ToList();

        await Task.WhenAll(producers);
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        await chaos;

        // The checks go on through the whole outage: until the cluster has declared every killed silo dead, which
        // with Orleans' default membership settings takes tens of seconds, whether or not ingestion is done.
        await Eventually.WaitUntilAsync(async () => await ActiveSilosAsync(connection) == _live.Count,
            TimeSpan.FromMinutes(3), "the killed silos to be declared dead");
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  the killed silos are declared dead");
        await stopChecks.CancelAsync();
        await Task.WhenAll(checkers);

        var answered = checks.Where(c => c.Status is not null).OrderBy(c => c.At).ToList();
        var cut = checks.Where(c => c.Status is null).ToList();
        var answeredAt = answered.Select(c => c.At).ToList();
        var longestGap = answeredAt.Zip(answeredAt.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
        var latencies = answered.Select(c => c.Milliseconds).Order().ToList();
        var degraded = answered.Count(c => c.Degraded);
        output.WriteLine($"membership: {membership}{(membership == "fast" ? " (" + string.Join(' ', FastMembership) + ")" : " (Orleans' defaults)")}");
        output.WriteLine($"acknowledged {acknowledged.Count} of {batchCount} batches ({lines.Count:N0} events) in {ingestSeconds:F1} s " +
            $"({lines.Count / ingestSeconds:N0} events/s), {resends} batches re-sent after a failure");
        output.WriteLine($"risk checks: {answered.Count} answered, {degraded} of them degraded ({100.0 * degraded / Math.Max(1, answered.Count):F2}%), " +
            $"{cut.Count} cut off by the kill of the silo serving them; longest gap between answers {longestGap} ms");
        output.WriteLine($"risk check latency: p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, " +
            $"max {latencies.DefaultIfEmpty(0).Max():F1} ms; slowest at " +
            string.Join(", ", answered.OrderByDescending(c => c.Milliseconds).Take(3).Select(c => $"{c.At / 1000.0:F1} s")));
        // When the degraded answers came, against the kills above: 5 s to a column.
        output.WriteLine("degraded per 5 s: " + string.Join(' ', answered.GroupBy(c => c.At / 5000)
            .Select(g => $"{g.Key * 5}s:{100.0 * g.Count(c => c.Degraded) / g.Count():F0}%")));

        Assert.Equal(batchCount, acknowledged.Distinct().Count());
        Assert.True(answered.Count > 0, "no risk check was answered");
        // Degraded answers are allowed: a 500 or a 503 is what a signup flow cannot use.
        Assert.All(answered, c => Assert.True(c.Status == HttpStatusCode.OK, $"a risk check answered {(int?)c.Status} at {c.At} ms: {c.Failure}"));
        Assert.All(answered.Where(c => c.Degraded), c => Assert.True(c.Unread > 0, "a degraded answer says how many lookups it left out"));
        // A hundred times the deadline: what a busy two-core machine adds around a check, never a wait for a grain
        // call to a dead silo (up to the 10 s response timeout, which is how long checks took to fail before).
        Assert.True(latencies.DefaultIfEmpty(0).Max() < MaxRiskLatency.TotalMilliseconds,
            $"a risk check took {latencies.Max():F0} ms, more than {MaxRiskLatency.TotalSeconds} s");
        // A request to a silo that is killed under it gets no answer at all; to a live one, it always does.
        Assert.All(cut, c => Assert.False(c.ToLiveSilo, $"a risk check to a live silo failed: {c.Failure}"));

        var live = _live[0];
        await Eventually.WaitUntilAsync(async () =>
        {
            // A status read that fails (a grain still moving off a dead silo) is not an answer yet.
            using var status = await live.Http.GetAsync("/v1/status");
            return status.IsSuccessStatusCode && (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rebuild_backlog").GetInt32() == 0;
        }, TimeSpan.FromMinutes(3), "the rebuilds to catch up");
        var lost = await AssertGraphMatchesAsync(live.Http, lines);
        output.WriteLine($"lost events: {lost}");
        output.WriteLine($"this case took {caseClock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>Posts a batch to a live silo until one acknowledges it; answers how many times it was re-sent.</summary>
    private async Task<int> SendUntilAcknowledgedAsync(string[] batch, Random random)
    {
        var body = string.Join('\n', batch);
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var silo = PickLive(random);
            try
            {
                using var response = await silo.Http.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal(0, result.GetProperty("rejected").GetArrayLength());
                    return attempt;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The silo died under the request: nothing was acknowledged, so the same batch goes elsewhere.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), "a batch was not acknowledged by any silo within 3 minutes");
        }
    }

    private async Task<RiskCheck> RiskCheckAsync(Random random, Stopwatch clock)
    {
        var silo = PickLive(random);
        var body = JsonContent.Create(new { ip = $"203.0.113.{random.Next(256)}", instrument = ChaosWorkload.Card(random.Next(ChaosWorkload.Accounts)) });
        var started = clock.Elapsed;
        try
        {
            using var response = await silo.Http.PostAsync("/v1/risk/signup", body);
            var text = await response.Content.ReadAsStringAsync();
            var milliseconds = (clock.Elapsed - started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new RiskCheck(clock.ElapsedMilliseconds, milliseconds, response.StatusCode) { Failure = text };
            }

            var answer = JsonDocument.Parse(text).RootElement;
            return new RiskCheck(clock.ElapsedMilliseconds, milliseconds, response.StatusCode)
            {
                Degraded = answer.GetProperty("degraded").GetBoolean(),
                Unread = answer.TryGetProperty("unread", out var unread) ? unread.GetInt32() : 0,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new RiskCheck(clock.ElapsedMilliseconds, (clock.Elapsed - started).TotalMilliseconds, null) { ToLiveSilo = IsLive(silo), Failure = e.Message };
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// Every account's requests and link counts equal the sum of its acknowledged events (nothing lost, nothing
    /// applied twice), and accounts are together exactly as a union-find over the acknowledged events puts them.
    /// Answers the number of events missing from the graph.
    /// </summary>
    private static async Task<long> AssertGraphMatchesAsync(HttpClient http, IReadOnlyList<string> lines)
    {
        var parser = new EventParser(new KeyOptions(), new IngestOptions(), TimeProvider.System);
        var events = parser.Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines))).Events;
        var reference = GraphOracle.Expected(events, new DetectionOptions { Window = TimeSpan.Zero });
        var componentOf = new Dictionary<string, string>();
        var missing = 0L;
        foreach (var account in events.GroupBy(e => e.Account))
        {
            var view = await http.GetFromJsonAsync<JsonElement>($"/v1/accounts/{account.Key}");
            componentOf[account.Key] = view.GetProperty("component").GetString()!;
            var requests = view.GetProperty("requests").GetInt64();
            missing += account.Sum(e => e.Requests) - requests;
            Assert.Equal(account.Sum(e => e.Requests), requests);

            var links = view.GetProperty("links").EnumerateArray().ToDictionary(
                l => $"{l.GetProperty("kind").GetString()}:{l.GetProperty("entity").GetString()}",
                l => l.GetProperty("count").GetInt64());
            var expected = account.SelectMany(e => e.LinkedEntities()).GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected.OrderBy(kv => kv.Key), links.OrderBy(kv => kv.Key));
        }

        var seen = new Dictionary<string, int>();
        foreach (var set in reference.Sets())
        {
            var accounts = set.Where(k => NodeKey.KindOf(k) == EntityKind.Account).Select(k => k["account:".Length..]).ToList();
            if (accounts.Count == 0)
            {
                continue;
            }

            var component = Assert.Single(accounts.Select(a => componentOf[a]).Distinct());
            Assert.False(seen.ContainsKey(component), $"two reference components share {component}");
            seen[component] = accounts.Count;
            if (accounts.Count > 1)
            {
                var view = await http.GetFromJsonAsync<JsonElement>($"/v1/components/{component}");
                Assert.Equal(accounts.Count, view.GetProperty("accounts").GetInt64());
            }
        }

        return missing;
    }

    /// <summary>Notice a dead silo in seconds, not the production default's half a minute.</summary>
    internal static readonly string[] FastMembership =
    [
        "--Distill:Membership:ProbeTimeout", "00:00:01",
        "--Distill:Membership:NumMissedProbesLimit", "2",
        "--Distill:Membership:TableRefreshTimeout", "00:00:02",
    ];

    private async Task StartSiloAsync(string connection, string[] membership)
    {
        var silo = await HostProcess.StartAsync(_folder.Path,
        [
            "--storage", "postgres", "--connection", connection,
            "--Distill:Telemetry:Exporter", "none",
            "--Distill:Detection:Window", "00:00:00",
            .. membership,
            "--Distill:Messaging:ResponseTimeout", "00:00:10",
            // Rebuilds leased by a killed silo are taken over after this.
            "--Distill:Detection:RebuildLease", "00:00:15",
        ]);
        lock (_live)
        {
            _started.Add(silo);
            _live.Add(silo);
        }
    }

    private async Task KillAsync(int index, Stopwatch clock)
    {
        HostProcess silo;
        lock (_live)
        {
            silo = _live[index];
            _live.RemoveAt(index);
        }

        await silo.KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  killed a silo (kill -9)");
    }

    /// <summary>Silos the membership table has as active: a killed one stays so until the cluster declares it dead.</summary>
    private static async Task<long> ActiveSilosAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = @active", db);
        command.Parameters.AddWithValue("active", (int)SiloStatus.Active);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private HostProcess PickLive(Random random)
    {
        lock (_live)
        {
            return _live[random.Next(_live.Count)];
        }
    }

    private bool IsLive(HostProcess silo)
    {
        lock (_live)
        {
            return _live.Contains(silo);
        }
    }

    /// <summary>
    /// One risk check as the signup flow saw it: when it ended (ms into the run), how long it took, and the status,
    /// or none when the request got no answer at all.
    /// </summary>
    private sealed record RiskCheck(long At, double Milliseconds, HttpStatusCode? Status)
    {
        public bool Degraded { get; init; }

        public int Unread { get; init; }

        public bool ToLiveSilo { get; init; }

        public string? Failure { get; init; }
    }
}

[CollectionDefinition(ChaosTests.Name, DisableParallelization = true)]
public sealed class ChaosCollection;
