using Orleans.Distill.Graph;
using Orleans.Distill.Scoring;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>Profiles of accounts run by one operator, for the pure detection tests.</summary>
public static class Puppets
{
    /// <summary>Signed up at <see cref="TestEvents.T0"/>, then 800 coding requests at 03:00 on each of four days.</summary>
    public static AccountProfile Profile(string id, params string[] entities) => new()
    {
        Account = id,
        Component = "c-0000000000000001",
        Links = [.. entities.Select(e => new LinkUpdate(e, LinkRecord.At(T0)))],
        SignupDay = AccountProfile.DayOf(T0),
        Requests = [0, 800 * 4, 0, 0, 0],
        ActiveHours = [.. Enumerable.Range(0, 4).Select(d => AccountProfile.HourOf(T0.AddDays(d).AddHours(3)))],
        ActiveDays = 4,
        LastSeen = T0.AddDays(3),
    };
}
