using Microsoft.Extensions.Options;

namespace Orleans.Distill.Events;

public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        // A body is buffered whole in one array.
        if (options.MaxBodyBytes is < 1024 or > int.MaxValue)
        {
            failures.Add($"{IngestOptions.Section}:MaxBodyBytes must be from 1024 to {int.MaxValue} (is {options.MaxBodyBytes})");
        }

        if (options.MaxLineBytes < 256)
        {
            failures.Add($"{IngestOptions.Section}:MaxLineBytes must be at least 256 (is {options.MaxLineBytes})");
        }

        if (options.MaxClockSkew < TimeSpan.Zero)
        {
            failures.Add($"{IngestOptions.Section}:MaxClockSkew must not be negative (is {options.MaxClockSkew})");
        }

        if (options.Deadline <= TimeSpan.Zero)
        {
            failures.Add($"{IngestOptions.Section}:Deadline must be positive (is {options.Deadline})");
        }

        if (options.MaxNoteLength < 1)
        {
            failures.Add($"{IngestOptions.Section}:MaxNoteLength must be at least 1 (is {options.MaxNoteLength})");
        }

        return OptionsValidation.Result(failures);
    }
}
