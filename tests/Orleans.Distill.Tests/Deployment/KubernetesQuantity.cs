using System.Globalization;

namespace Orleans.Distill.Tests.Deployment;

/// <summary>Kubernetes resource quantities (<c>500m</c>, <c>2</c>, <c>1Gi</c>, <c>512M</c>) as plain numbers, to compare requests with limits.</summary>
public static class KubernetesQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m),
    ];

    public static decimal Parse(string quantity, string where)
    {
        foreach (var (suffix, factor) in Suffixes)
        {
            if (quantity.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Number(quantity[..^suffix.Length], quantity, where) * factor;
            }
        }

        return Number(quantity, quantity, where);
    }

    private static decimal Number(string text, string quantity, string where) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new Xunit.Sdk.XunitException($"{where}: '{quantity}' is not a Kubernetes quantity");
}
