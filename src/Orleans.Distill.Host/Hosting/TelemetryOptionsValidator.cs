using Microsoft.Extensions.Options;

namespace Orleans.Distill.Host.Hosting;

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.Exporter is not ("console" or "otlp" or "none"))
        {
            failures.Add($"{TelemetryOptions.Section}:Exporter must be 'console', 'otlp' or 'none', not '{options.Exporter}'");
        }

        if (options.ConsoleIntervalSeconds < 1)
        {
            failures.Add($"{TelemetryOptions.Section}:ConsoleIntervalSeconds must be at least 1 (is {options.ConsoleIntervalSeconds})");
        }

        if (options.TraceSampleRatio is < 0 or > 1)
        {
            failures.Add($"{TelemetryOptions.Section}:TraceSampleRatio must be from 0 to 1 (is {options.TraceSampleRatio})");
        }

        return OptionsValidation.Result(failures);
    }
}
