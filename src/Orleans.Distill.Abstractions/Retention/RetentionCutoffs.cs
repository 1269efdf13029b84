namespace Orleans.Distill.Retention;

/// <summary>
/// What a sweep deletes: links last seen, and usage, before these instants (event time). <see cref="DateTime.MinValue"/>
/// deletes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.retention-cutoffs")]
public readonly record struct RetentionCutoffs(
    [property: Id(0)] DateTime LinksBefore,
    [property: Id(1)] DateTime UsageBefore)
{
    public static RetentionCutoffs At(DateTime watermark, TimeSpan links, TimeSpan usage) =>
        new(Before(watermark, links), Before(watermark, usage));

    private static DateTime Before(DateTime watermark, TimeSpan age) =>
        age <= TimeSpan.Zero || watermark - DateTime.MinValue <= age ? DateTime.MinValue : watermark - age;
}
