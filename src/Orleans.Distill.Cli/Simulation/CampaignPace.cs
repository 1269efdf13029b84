namespace Orleans.Distill.Cli.Simulation;

/// <summary>
/// How a pipeline of accounts runs: the same volume at the same hour every day. Drawn once per ring and seed; a
/// campaign's and an automated team's look alike, which is what makes the team a hard organic case.
/// </summary>
/// <param name="DailyRequests">Requests per account per day.</param>
/// <param name="Jitter">How far a day's volume strays from it, as a share.</param>
/// <param name="ChatShare">Share of the days spent on chat rather than a capability.</param>
/// <param name="Hour">The hour of day the pipeline runs; before 23:00, so that a day's run stays on its day.</param>
/// <param name="MinuteSpread">Minutes past that hour over which the accounts start.</param>
/// <param name="TokensPerRequest">Tokens per request.</param>
public sealed record CampaignPace(int DailyRequests, double Jitter, double ChatShare, int Hour, int MinuteSpread, int TokensPerRequest)
{
    public static CampaignPace Draw(World world, int minDaily, int maxDaily, double minChat, double maxChat, int firstHour = 0, int lastHour = 22) => new(
        DailyRequests: world.Between(minDaily, maxDaily),
        Jitter: world.Between(0.02, 0.1),
        ChatShare: world.Between(minChat, maxChat),
        Hour: world.Between(firstHour, lastHour),
        MinuteSpread: world.Between(10, 60),
        TokensPerRequest: world.Between(800, 1_600));
}
