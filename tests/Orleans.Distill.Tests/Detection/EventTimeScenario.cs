using Orleans.Distill.Events;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;
using Orleans.Distill.Tests.Cluster;

namespace Orleans.Distill.Tests.Detection;

/// <summary>Drives a scenario through the cluster day by day and reads what detection made of it once it caught up.</summary>
public sealed class EventTimeScenario(ClusterFixture fixture)
{
    public static readonly TimeSpan Converge = TimeSpan.FromMinutes(3);

    public GraphQueries Queries => fixture.Queries();

    /// <summary>Ingests day by day (the watermark moves as it would live), then waits for detection to catch up.</summary>
    /// <param name="afterDay">Called with each day's events once they are ingested: to see what was flagged when.</param>
    public async Task RunAsync(IEnumerable<DistillEvent> events, int? untilDay = null, DateTime? start = null, Func<DistillEvent[], Task>? afterDay = null)
    {
        foreach (var day in Operators.ByDay(events))
        {
            if (untilDay is { } last && start is { } s && (day[0].At.Date - s.Date).Days > last)
            {
                break;
            }

            foreach (var chunk in day.Chunk(5_000))
            {
                await fixture.Pipeline().IngestAsync(chunk);
            }

            if (afterDay is not null)
            {
                await afterDay(day);
            }
        }

        await CaughtUpAsync();
    }

    public Task CaughtUpAsync() =>
        Eventually.WaitUntilAsync(async () => await Queries.RebuildBacklogAsync() == 0, Converge, "detection to catch up");

    public async Task<AccountView> AccountAsync(string account) =>
        await Queries.GetAccountAsync(account) ?? throw new InvalidOperationException($"{account} is not known");

    public async Task<int> ComponentSizeAsync(string account) =>
        (await Queries.GetComponentAsync((await AccountAsync(account)).Component))?.Accounts.Count ?? 1;

    public async Task<Decision> DecisionAsync(string account) => (await AccountAsync(account)).Assessment.Decision;

    /// <summary>Waits until <paramref name="condition"/> holds of what detection reports (rebuilds may still be running).</summary>
    public Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.WaitUntilAsync(condition, Converge, what);
}
