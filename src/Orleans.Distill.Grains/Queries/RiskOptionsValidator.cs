using Microsoft.Extensions.Options;

namespace Orleans.Distill.Queries;

/// <summary>Refuses risk settings that make no sense, each failure one line naming the setting.</summary>
public sealed class RiskOptionsValidator : IValidateOptions<RiskOptions>
{
    /// <summary>Beyond this a signup flow would rather have no answer: the deadline is meant to be milliseconds.</summary>
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, RiskOptions options)
    {
        var failures = new List<string>();
        if (options.Deadline <= TimeSpan.Zero || options.Deadline > MaxDeadline)
        {
            failures.Add($"{RiskOptions.Section}:Deadline must be more than 0 and at most {MaxDeadline} (is {options.Deadline})");
        }

        if (options.Degraded is not (RiskOptions.Open or RiskOptions.Closed))
        {
            failures.Add($"{RiskOptions.Section}:Degraded must be '{RiskOptions.Open}' or '{RiskOptions.Closed}', not '{options.Degraded}'");
        }

        return OptionsValidation.Result(failures);
    }
}
