using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Events;

namespace Orleans.Distill.Tests.Simulation;

public sealed class FamilyTimelineTests
{
    private static readonly DateTime T0 = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Observe_TimesEachAccountsFirstFlag_AndEachFamilysFirstAndHalf()
    {
        // The ring runs from T0 to T0+4h with 40 requests; the single account sends 5 at T0+1h.
        DistillEvent[] events = [Usage("a1", 0, 10), Usage("o1", 1, 5), Usage("a2", 2, 10), Usage("a1", 4, 20)];
        var labels = new Dictionary<string, LabelledAccount>
        {
            ["a1"] = new("a1", true, "ring"),
            ["a2"] = new("a2", true, "ring"),
            ["o1"] = new("o1", false, "single"),
        };
        var timeline = new FamilyTimeline(events, labels);

        timeline.Observe(events[..2], ["a1"]);
        timeline.Observe(events[2..], ["a1", "o1"]);
        timeline.Observe([], ["a1", "a2"]);

        // a1 after batch 1: half the stream, a quarter of the ring's requests (10 of 40) and of its span (1h of 4h).
        Assert.Equal(new FirstFlag(1, 0.5, 0.25, 0.25), timeline.FirstFlagged["a1"]);
        Assert.Equal(new FirstFlag(2, 1.0, 1.0, 1.0), timeline.FirstFlagged["o1"]);
        // The final read, after every batch, is timed by the last event replayed.
        Assert.Equal(new FirstFlag(2, 1.0, 1.0, 1.0), timeline.FirstFlagged["a2"]);

        var ring = Assert.Single(timeline.Results()).Value;
        Assert.Equal(new CampaignResult(2, 2, new TimeToDetect(0.25, 0.25), new TimeToDetect(0.25, 0.25)), ring);
        Assert.Equal(new CampaignResult(1, 1, new TimeToDetect(1.0, 1.0), new TimeToDetect(1.0, 1.0)), timeline.Families()["single"]);
        // The chart follows campaigns only, one point per replayed batch.
        Assert.Equal([0.5, 0.5], timeline.Series.Select(p => p.Shares["ring"]));
        Assert.All(timeline.Series, p => Assert.False(p.Shares.ContainsKey("single")));
    }

    private static DistillEvent Usage(string account, int hours, long requests) =>
        new() { Type = EventType.Usage, Account = account, At = T0.AddHours(hours), Requests = requests };
}
