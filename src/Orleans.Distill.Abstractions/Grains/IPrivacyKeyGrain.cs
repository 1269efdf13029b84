namespace Orleans.Distill.Grains;

/// <summary>
/// The deployment's key for pseudonymising personal fields, made once at random and kept in grain storage, so
/// every silo, and every restart, hashes the same address alike.
/// </summary>
[Alias("distill.IPrivacyKeyGrain")]
public interface IPrivacyKeyGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<byte[]> Get();
}
