namespace Orleans.Distill.Host.Security;

/// <summary>Who may call the API. Bound from <c>Distill:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Distill:Auth";

    /// <summary>
    /// The keys file (<c>--keys</c>), written by <c>Orleans.Distill.Cli keys</c>. Without one, every caller may do
    /// everything, and the host serves only on loopback.
    /// </summary>
    public string? KeysFile { get; set; }
}
