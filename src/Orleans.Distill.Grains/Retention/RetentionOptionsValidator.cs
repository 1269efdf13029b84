using Microsoft.Extensions.Options;
using Orleans.Distill.Detection;

namespace Orleans.Distill.Retention;

/// <summary>
/// Retention must not cut what detection still counts: a link inside the detection window glues components, so
/// deleting it early would quietly split rings. The check needs both sections, so it reads the detection options.
/// </summary>
public sealed class RetentionOptionsValidator(IOptions<DetectionOptions> detection) : IValidateOptions<RetentionOptions>
{
    private const string Section = RetentionOptions.Section;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in new[] { ("Links", options.Links), ("Usage", options.Usage) })
        {
            if (value < TimeSpan.Zero)
            {
                failures.Add($"{Section}:{setting} must not be negative (is {value})");
            }
        }

        var window = detection.Value.LongestWindow();
        if (options.Links > TimeSpan.Zero && window > TimeSpan.Zero && options.Links < window)
        {
            failures.Add($"{Section}:Links ({options.Links}) must be at least the longest window of Distill:Detection ({window}): links inside the window are evidence");
        }

        if (options.SweepEvery < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:SweepEvery must be at least 1 second (is {options.SweepEvery})");
        }

        if (options.SweepConcurrency is < 1 or > 1024)
        {
            failures.Add($"{Section}:SweepConcurrency must be between 1 and 1024 (is {options.SweepConcurrency})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
