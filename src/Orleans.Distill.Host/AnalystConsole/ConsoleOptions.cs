namespace Orleans.Distill.Host.AnalystConsole;

/// <summary>The analyst console at <c>/console</c>. Bound from <c>Distill:Console</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Distill:Console";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the keys that protect antiforgery tokens are kept. Without one each process makes its own, so behind a
    /// load balancer every host must share this folder (a token made by one host is refused by another).
    /// </summary>
    public string? KeyRingDirectory { get; set; }
}
