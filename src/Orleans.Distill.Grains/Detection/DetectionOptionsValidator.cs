using Microsoft.Extensions.Options;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Detection;

public sealed class DetectionOptionsValidator : IValidateOptions<DetectionOptions>
{
    private const string Section = DetectionOptions.Section;

    public ValidateOptionsResult Validate(string? name, DetectionOptions options)
    {
        var failures = new List<string>();
        if (options.Window < TimeSpan.Zero)
        {
            failures.Add($"{Section}:Window must not be negative (is {options.Window})");
        }

        foreach (var (kind, threshold) in options.HubThresholds)
        {
            if (!EntityKinds.TryParse(kind, out var k) || k == EntityKind.Account)
            {
                failures.Add($"{Section}:HubThresholds: '{kind}' is not an entity kind (instrument, ip_range, device, template)");
            }
            else if (threshold < 1)
            {
                failures.Add($"{Section}:HubThresholds:{kind} must be at least 1 (is {threshold})");
            }
        }

        foreach (var cidr in options.HubAllowlist)
        {
            if (!System.Net.IPNetwork.TryParse(cidr, out _))
            {
                failures.Add($"{Section}:HubAllowlist: '{cidr}' is not a CIDR (like 100.64.0.0/10)");
            }
        }

        if (options.RescoreDelay < TimeSpan.Zero || options.RescoreDelayPerAccount < TimeSpan.Zero)
        {
            failures.Add($"{Section}:RescoreDelay and RescoreDelayPerAccount must not be negative");
        }

        if (options.RebuildConcurrency < 1)
        {
            failures.Add($"{Section}:RebuildConcurrency must be at least 1 (is {options.RebuildConcurrency})");
        }

        if (options.RebuildLease <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RebuildLease must be positive (is {options.RebuildLease})");
        }

        if (options.OperatorCoSharing is < 0 or > 1 || options.OperatorBehaviour is < 0 or > 1)
        {
            failures.Add($"{Section}:OperatorCoSharing and OperatorBehaviour must be between 0 and 1 (are {options.OperatorCoSharing} and {options.OperatorBehaviour})");
        }

        if (options.PlaceRateFactor is not 0 and < 1)
        {
            failures.Add($"{Section}:PlaceRateFactor must be 0 (off) or at least 1 (is {options.PlaceRateFactor})");
        }

        if (options.WakeDays < 0)
        {
            failures.Add($"{Section}:WakeDays must not be negative (is {options.WakeDays})");
        }

        if (options.OperatorRejudgeEvery < TimeSpan.Zero)
        {
            failures.Add($"{Section}:OperatorRejudgeEvery must not be negative (is {options.OperatorRejudgeEvery})");
        }

        foreach (var (kind, lifetime) in options.Lifetimes)
        {
            if (!EntityKinds.TryParse(kind, out var k) || k == EntityKind.Account)
            {
                failures.Add($"{Section}:Lifetimes: '{kind}' is not an entity kind (instrument, ip_range, device, template)");
            }
            else if (lifetime.Window < TimeSpan.Zero)
            {
                failures.Add($"{Section}:Lifetimes:{kind}:Window must not be negative (is {lifetime.Window})");
            }
        }

        if (options.RememberFor < TimeSpan.Zero)
        {
            failures.Add($"{Section}:RememberFor must not be negative (is {options.RememberFor})");
        }

        if (options.RememberAt == Scoring.Decision.Allow)
        {
            failures.Add($"{Section}:RememberAt must be Review or Deny");
        }

        return OptionsValidation.Result(failures);
    }
}
