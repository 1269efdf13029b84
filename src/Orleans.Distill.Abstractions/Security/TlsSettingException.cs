namespace Orleans.Distill.Security;

/// <summary>
/// A TLS file that cannot be used. <see cref="Setting"/> is the <see cref="DistillTlsOptions"/> property at fault,
/// so that the host and the command-line tools can each name it the way their users set it.
/// </summary>
public sealed class TlsSettingException(string setting, string problem) : Exception($"{setting} {problem}")
{
    public string Setting { get; } = setting;

    /// <summary>What is wrong, starting with the file: <c>'/etc/tls/tls.key' does not exist</c>.</summary>
    public string Problem { get; } = problem;
}
