using Microsoft.Extensions.Options;

namespace Orleans.Distill.Storage;

public sealed class SqliteGrainStorageOptionsValidator : IValidateOptions<SqliteGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteGrainStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Distill:Storage:DataDirectory (--data) must name a folder");
        }

        if (options.MaxWritesPerCommit < 1)
        {
            failures.Add($"Distill:Storage:MaxWritesPerCommit must be at least 1 (is {options.MaxWritesPerCommit})");
        }

        if (options.Synchronous is not ("FULL" or "NORMAL"))
        {
            failures.Add($"Distill:Storage:Synchronous must be FULL or NORMAL (is '{options.Synchronous}')");
        }

        return OptionsValidation.Result(failures);
    }
}
