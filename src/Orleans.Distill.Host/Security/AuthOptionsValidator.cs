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

        return OptionsValidation.Result(failures);
    }
}
