namespace Orleans.Distill.Privacy;

[GenerateSerializer, Alias("distill.privacy-key-state")]
public sealed class PrivacyKeyState
{
    [Id(0)] public byte[]? Key { get; set; }
}
