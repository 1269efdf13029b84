namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// How developers' days and rates spread, for groups built by hand: what a team sends, and what a ring that varies
/// its days on purpose copies.
/// </summary>
internal static class DeveloperDays
{
    /// <summary>Day factors as widely spread as developers' (lognormal, sigma about 0.5).</summary>
    public static readonly double[] Spread =
    [
        0.48, 1.92, 0.86, 1.31, 0.62, 2.41, 1.05, 0.71, 1.58, 0.93, 0.55, 1.17, 2.05, 0.79, 1.44,
        0.67, 1.24, 0.41, 1.76, 0.98, 0.58, 1.36, 0.88, 2.68, 0.74, 1.11, 0.52, 1.63, 0.83, 1.02,
    ];

    /// <summary>Twenty developers' daily rates, each of their own.</summary>
    public static readonly long[] Rates = [120, 640, 300, 780, 210, 450, 160, 560, 350, 700, 100, 520, 260, 610, 180, 430, 740, 230, 380, 690];
}
