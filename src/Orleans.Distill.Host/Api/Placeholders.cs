namespace Orleans.Distill.Host.Api;

/// <summary>
/// Score fields before component scoring exists: every component is scored 0 and allowed.
/// The fields are present so clients built on the contract work unchanged when scoring lands.
/// </summary>
internal static class Placeholders
{
    public const double Score = 0;
    public const string Decision = "allow";
    public static readonly IReadOnlyList<ReasonModel> Reasons = [];
}
