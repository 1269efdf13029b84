using CsCheck;
using Orleans.Distill.Events;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// For random event sequences, with repeats and shuffled order, sent concurrently from several clients into the
/// 3-silo cluster, the components converge to a plain union-find over the links that glue: in the window, not
/// through hubs (by count or allowlist). Thresholds are tight and the window short, so generated sequences make
/// hubs, expire links and hit allowlisted ranges, and the background rebuild has to split what they glued.
/// </summary>
[Collection(WindowClusterCollection.Name)]
public sealed class ComponentPropertyTests(WindowClusterFixture fixture)
{
    private static int s_case;

    /// <summary>One generated link: account index, entity kind (0 = none), entity index, hour, whether it carries an id.</summary>
    public sealed record Step(int Account, int Kind, int Entity, int Hour, bool WithId);

    public sealed record Scenario(Step[] Steps, int[] Repeats, int Chunks, int ShuffleSeed);

    // 30 days of hours against a 10-day window; six entities per kind against thresholds of three or four.
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(
            Gen.Select(Gen.Int[0, 11], Gen.Int[0, 4], Gen.Int[0, 5], Gen.Int[0, 720], Gen.Bool, (a, k, e, h, id) => new Step(a, k, e, h, id)).Array[1, 48],
            Gen.Int[0, 47].Array[0, 12],
            Gen.Int[1, 4],
            Gen.Int,
            (steps, repeats, chunks, seed) => new Scenario(steps, repeats, chunks, seed));

    [Fact]
    public async Task ConcurrentRandomSequences_ConvergeToUnionFindOverGluingLinks()
    {
        // One scenario at a time: event time is cluster-wide, and each scenario starts far after the last.
        await Scenarios.SampleAsync(RunScenarioAsync, iter: 60, threads: 1, print: Describe);
    }

    private async Task RunScenarioAsync(Scenario scenario)
    {
        var n = Interlocked.Increment(ref s_case);
        var p = $"pc{n}-";
        var start = T0.AddDays(1000 * n);
        var events = scenario.Steps.Select(s => ToEvent(p, n, start, s)).ToList();
        var sent = new List<DistillEvent>(events);
        sent.AddRange(scenario.Repeats.Where(i => i < events.Count).Select(i => events[i]));
        var random = new Random(scenario.ShuffleSeed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sent));

        var clients = fixture.Clients;
        var chunks = sent.Select((e, i) => (e, i)).GroupBy(x => x.i % scenario.Chunks, x => x.e).ToList();
        await Task.WhenAll(chunks.Select((chunk, i) => fixture.Pipeline(clients[i % clients.Count]).IngestAsync([.. chunk])))
            .WaitAsync(TimeSpan.FromSeconds(60));

        await GraphOracle.AssertConvergesAsync(fixture, clients[random.Next(clients.Count)], events, fixture.Detection);
    }

    private static DistillEvent ToEvent(string p, int n, DateTime start, Step s)
    {
        var account = $"{p}a{s.Account}";
        var at = start.AddHours(s.Hour);
        var id = s.WithId ? $"{p}{s.Account}-{s.Kind}-{s.Entity}-{s.Hour}" : null;

        // Ranges 4 and 5 lie in the allowlisted /16: hubs from their first link.
        var range = s.Entity < 4 ? $"10.{n % 250}.{s.Entity}.0/24" : $"10.250.{(n * 2 + s.Entity) % 256}.0/24";
        return s.Kind switch
        {
            1 => Payment(account, $"{p}card{s.Entity}", at, id),
            2 => Signup(account, range, at, id),
            3 => Usage(account, at, device: $"{p}dev{s.Entity}", id: id),
            4 => Usage(account, at, template: $"{p}tpl{s.Entity}", category: TrafficCategory.Coding, id: id),
            _ => s.Hour % 2 == 0 ? Label(account, Verdict.Fraud, at, id) : Usage(account, at, id: id),
        };
    }

    private static string Describe(Scenario s) =>
        $"chunks={s.Chunks} seed={s.ShuffleSeed} repeats=[{string.Join(",", s.Repeats)}] steps=[{string.Join(" ", s.Steps.Select(x => $"a{x.Account}-k{x.Kind}-e{x.Entity}-h{x.Hour}"))}]";
}
