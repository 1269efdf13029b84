namespace Orleans.Distill.Host.Hosting;

/// <summary>Where the silo keeps its state. Bound from <c>Distill:Storage</c>.</summary>
public sealed class DistillStorageOptions
{
    public const string Section = "Distill:Storage";

    /// <summary>
    /// <c>sqlite</c> (the embedded single silo, the default), <c>postgres</c> (a cluster of silos sharing one
    /// database: grain state and membership) or <c>memory</c> (tests and throwaway runs).
    /// </summary>
    public string Kind { get; set; } = "sqlite";
}

/// <summary>How the silo finds the others and listens. Bound from <c>Distill:Silo</c>.</summary>
public sealed class DistillSiloOptions
{
    public const string Section = "Distill:Silo";

    /// <summary>
    /// <c>localhost</c> for one silo alone; <c>postgres</c> for silos on one network sharing the membership table
    /// (the default with PostgreSQL storage); <c>kubernetes</c> for pods, which take their identity and address
    /// from the downward API and share the membership table.
    /// </summary>
    public string? Clustering { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on (with <c>postgres</c> clustering).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public string ServiceId { get; set; } = "orleans-distill";

    public string ClusterId { get; set; } = "distill-local";

    public string ClusteringOf(string storageKind) => Clustering ?? (storageKind == "postgres" ? "postgres" : "localhost");
}
