using Microsoft.Extensions.Options;

namespace Orleans.Distill.Host.Security;

public sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = options.TrustedProxies
            .Select((entry, i) => (Entry: entry, Index: i))
            .Where(e => TrustedProxy.Parse(e.Entry) is null)
            .Select(e => $"{ProxyOptions.Section}:TrustedProxies:{e.Index} '{e.Entry}' is neither an IP address nor a network such as 10.0.0.0/8")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
