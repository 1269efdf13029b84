namespace Orleans.Distill.Grains;

/// <summary>A grain that does nothing: the baseline that ingest throughput is measured against.</summary>
[Alias("distill.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task Ping();
}
