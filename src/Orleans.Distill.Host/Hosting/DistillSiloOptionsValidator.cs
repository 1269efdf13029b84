using System.Net;
using Microsoft.Extensions.Options;

namespace Orleans.Distill.Host.Hosting;

public sealed class DistillSiloOptionsValidator : IValidateOptions<DistillSiloOptions>
{
    public ValidateOptionsResult Validate(string? name, DistillSiloOptions options)
    {
        var failures = new List<string>();
        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535 || options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{DistillSiloOptions.Section}:SiloPort (--silo-port) and GatewayPort (--gateway-port) must be two different ports from 1 to 65535 (are {options.SiloPort} and {options.GatewayPort})");
        }

        if (options.Clustering is not (null or "localhost" or "postgres" or "kubernetes"))
        {
            failures.Add($"{DistillSiloOptions.Section}:Clustering must be 'localhost', 'postgres' or 'kubernetes', not '{options.Clustering}'");
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"{DistillSiloOptions.Section}:AdvertisedAddress must be an IP address (is '{options.AdvertisedAddress}')");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId) || string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{DistillSiloOptions.Section}:ServiceId and ClusterId must not be empty");
        }

        return OptionsValidation.Result(failures);
    }
}
