using Microsoft.Extensions.Options;

namespace Orleans.Distill;

/// <summary>The validators' shared plumbing: failures named by their setting, checked at start-up or on demand.</summary>
public static class OptionsValidation
{
    /// <summary>Success when <paramref name="failures"/> is empty; each failure names its setting.</summary>
    public static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    /// <summary>
    /// Checks options that are needed before the host's services exist (which storage, which clustering); the
    /// exception's message is one line naming every bad setting.
    /// </summary>
    public static T ThrowIfInvalid<T>(this IValidateOptions<T> validator, T options) where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures) : options;
    }
}
