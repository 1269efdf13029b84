using Microsoft.Extensions.Options;

namespace Orleans.Distill.Scoring;

public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    private static readonly HashSet<string> KnownFeatures = [.. ScoringOptions.Defaults().Keys];

    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        var failures = new List<string>();
        if (!(options.ReviewAt is > 0 and < 1) || !(options.DenyAt is > 0 and <= 1) || options.DenyAt < options.ReviewAt)
        {
            failures.Add($"{ScoringOptions.Section}:ReviewAt and DenyAt need 0 < ReviewAt <= DenyAt <= 1 (are {options.ReviewAt} and {options.DenyAt})");
        }

        if (options.FullGroupSize < 3)
        {
            failures.Add($"{ScoringOptions.Section}:FullGroupSize must be at least 3 (is {options.FullGroupSize})");
        }

        if (!(options.EvennessMinMeanRequests > 0) || !(options.EvennessMinAccountDays > 0))
        {
            failures.Add($"{ScoringOptions.Section}:EvennessMinMeanRequests and EvennessMinAccountDays must be above 0 (are {options.EvennessMinMeanRequests} and {options.EvennessMinAccountDays})");
        }

        if (!(options.RateEvennessFrom >= 0 && options.RateEvennessFrom < options.RateEvennessTo && options.RateEvennessTo <= 1))
        {
            failures.Add($"{ScoringOptions.Section}:RateEvennessFrom and RateEvennessTo need 0 <= RateEvennessFrom < RateEvennessTo <= 1 (are {options.RateEvennessFrom} and {options.RateEvennessTo})");
        }

        if (!(options.RateEvennessFullAccounts >= 1))
        {
            failures.Add($"{ScoringOptions.Section}:RateEvennessFullAccounts must be at least 1 (is {options.RateEvennessFullAccounts})");
        }

        if (!(options.PresencePriorDays >= 0))
        {
            failures.Add($"{ScoringOptions.Section}:PresencePriorDays must be 0 or more (is {options.PresencePriorDays})");
        }

        if (options.CustomerGroupSize < 0)
        {
            failures.Add($"{ScoringOptions.Section}:CustomerGroupSize must be 0 (no group is a customer) or more (is {options.CustomerGroupSize})");
        }

        foreach (var feature in options.Features.Keys.Where(f => !KnownFeatures.Contains(f)))
        {
            failures.Add($"{ScoringOptions.Section}:Features: unknown feature '{feature}'; known: {string.Join(", ", KnownFeatures)}");
        }

        return OptionsValidation.Result(failures);
    }
}
