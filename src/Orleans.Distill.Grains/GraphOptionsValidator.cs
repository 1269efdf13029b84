using Microsoft.Extensions.Options;

namespace Orleans.Distill;

public sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();
        if (options.IndexPartitions is < 1 or > 1024)
        {
            failures.Add($"{GraphOptions.Section}:IndexPartitions must be from 1 to 1024 (is {options.IndexPartitions})");
        }

        if (options.MaxUnionAttempts < 1)
        {
            failures.Add($"{GraphOptions.Section}:MaxUnionAttempts must be at least 1 (is {options.MaxUnionAttempts})");
        }

        if (options.MaxRestarts < 1)
        {
            failures.Add($"{GraphOptions.Section}:MaxRestarts must be at least 1 (is {options.MaxRestarts})");
        }

        if (options.MaxSplitWait <= TimeSpan.Zero)
        {
            failures.Add($"{GraphOptions.Section}:MaxSplitWait must be positive (is {options.MaxSplitWait})");
        }

        return OptionsValidation.Result(failures);
    }
}
