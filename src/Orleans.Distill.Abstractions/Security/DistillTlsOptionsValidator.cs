using Microsoft.Extensions.Options;

namespace Orleans.Distill.Security;

/// <summary>
/// With TLS on, the files are read as the silo will read them, so that a missing or unfit certificate stops the
/// host with one line before the silo starts, instead of a silo that starts and is refused by every peer.
/// </summary>
public sealed class DistillTlsOptionsValidator : IValidateOptions<DistillTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, DistillTlsOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled)
        {
            try
            {
                ClusterCertificates.Load(options, TlsRole.Silo).Dispose();
            }
            catch (TlsSettingException e)
            {
                failures.Add($"{DistillTlsOptions.Section}:{e.Setting} {e.Problem}");
            }
        }

        return OptionsValidation.Result(failures);
    }
}
