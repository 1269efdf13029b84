using Microsoft.Extensions.Options;

namespace Orleans.Distill.Keys;

public sealed class KeyOptionsValidator : IValidateOptions<KeyOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyOptions options)
    {
        var failures = new List<string>();
        if (options.IPv4PrefixLength is < 8 or > 32)
        {
            failures.Add($"{KeyOptions.Section}:IPv4PrefixLength must be from 8 to 32 (is {options.IPv4PrefixLength})");
        }

        if (options.IPv6PrefixLength is < 16 or > 128)
        {
            failures.Add($"{KeyOptions.Section}:IPv6PrefixLength must be from 16 to 128 (is {options.IPv6PrefixLength})");
        }

        if (options.MaxOpaqueLength is < 16 or > 4096)
        {
            failures.Add($"{KeyOptions.Section}:MaxOpaqueLength must be from 16 to 4096 (is {options.MaxOpaqueLength})");
        }

        return OptionsValidation.Result(failures);
    }
}
