namespace Orleans.Distill.Host.Hosting;

/// <summary>Where the embedded silo keeps its state and listens. Bound from <c>Distill:Storage</c> and <c>Distill:Silo</c>.</summary>
public sealed class DistillStorageOptions
{
    public const string Section = "Distill:Storage";

    /// <summary><c>sqlite</c> (durable, the default) or <c>memory</c> (tests and throwaway runs).</summary>
    public string Kind { get; set; } = "sqlite";
}

public sealed class DistillSiloOptions
{
    public const string Section = "Distill:Silo";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ServiceId { get; set; } = "orleans-distill";

    public string ClusterId { get; set; } = "distill-local";
}
