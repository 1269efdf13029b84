using Microsoft.Extensions.Options;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.Security;

public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.KeysFile is { } path)
        {
            if (!File.Exists(path))
            {
                failures.Add($"{AuthOptions.Section}:KeysFile (--keys) '{path}' does not exist; create it with: Orleans.Distill.Cli keys add NAME --role admin --file {path}");
            }
            else
            {
                try
                {
                    ApiKeyFile.Load(path);
                }
                catch (InvalidDataException e)
                {
                    failures.Add($"{AuthOptions.Section}:KeysFile (--keys): {e.Message}");
                }
            }
        }

        if (options.BenignApprovalAccounts < 0)
        {
            failures.Add($"{AuthOptions.Section}:BenignApprovalAccounts must not be negative (is {options.BenignApprovalAccounts})");
        }

        foreach (var (role, limit) in options.RateLimits)
        {
            if (!ApiKeyRoles.TryParse(role, out _))
            {
                failures.Add($"{AuthOptions.Section}:RateLimits: '{role}' is not a role (ingest, risk, analyst, admin)");
            }
            else if (limit.PermitsPerSecond < 1 || limit.Burst < limit.PermitsPerSecond)
            {
                failures.Add($"{AuthOptions.Section}:RateLimits:{role} needs PermitsPerSecond >= 1 and Burst >= PermitsPerSecond (are {limit.PermitsPerSecond} and {limit.Burst})");
            }
        }

        return OptionsValidation.Result(failures);
    }
}
