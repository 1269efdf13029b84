namespace Orleans.Distill.Detection;

[GenerateSerializer, Alias("distill.watermark-state")]
public sealed class WatermarkState
{
    [Id(0)] public DateTime Watermark { get; set; } = DateTime.MinValue;
}
