using Microsoft.Extensions.Options;

namespace Orleans.Distill.Storage;

public sealed class PostgresGrainStorageOptionsValidator : IValidateOptions<PostgresGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresGrainStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Distill:Storage:ConnectionString (--connection) must be set for PostgreSQL storage.");
        }

        if (options.MaxWritesPerCommit < 1)
        {
            failures.Add($"Distill:Storage:MaxWritesPerCommit must be at least 1 (is {options.MaxWritesPerCommit})");
        }

        if (options.MaxPoolSize < 1)
        {
            failures.Add($"Distill:Storage:MaxPoolSize must be at least 1 (is {options.MaxPoolSize})");
        }

        return OptionsValidation.Result(failures);
    }
}
