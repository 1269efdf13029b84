namespace Orleans.Distill.Cli.Simulation;

/// <summary>How the people of one organic family use the API; drawn once per family and seed.</summary>
/// <param name="ActiveShare">Up to this share of the days, a person is active.</param>
/// <param name="DeveloperShare">Share of the people who are developers.</param>
/// <param name="DeveloperPeak">A developer's busiest day, in requests (days are log-uniform below it).</param>
/// <param name="CasualPeak">Anyone else's busiest day.</param>
/// <param name="CodingShare">Share of a developer's days spent coding.</param>
/// <param name="ChatShare">Share of anyone else's days spent chatting.</param>
/// <param name="TemplateShare">Share of the people who use a popular public template.</param>
public sealed record OrganicHabits(
    double ActiveShare, double DeveloperShare, int DeveloperPeak, int CasualPeak, double CodingShare, double ChatShare, double TemplateShare)
{
    public static OrganicHabits Draw(World world, double minDevelopers, double maxDevelopers, int minCasualPeak = 40, int maxCasualPeak = 120) => new(
        ActiveShare: world.Between(0.3, 0.6),
        DeveloperShare: world.Between(minDevelopers, maxDevelopers),
        DeveloperPeak: world.Between(150, 450),
        CasualPeak: world.Between(minCasualPeak, maxCasualPeak),
        CodingShare: world.Between(0.45, 0.75),
        ChatShare: world.Between(0.55, 0.85),
        TemplateShare: world.Between(0.15, 0.4));
}
