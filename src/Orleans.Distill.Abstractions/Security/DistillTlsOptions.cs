namespace Orleans.Distill.Security;

/// <summary>
/// TLS on the Orleans ports: between silos, and from clients to gateways. Bound from <c>Distill:Tls</c>. Every
/// connection is mutual: each side presents a certificate and checks the other's.
/// </summary>
public sealed class DistillTlsOptions
{
    public const string Section = "Distill:Tls";

    /// <summary>Off by default: a single silo on loopback sends nothing over a network.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The certificate this process presents, as server and as client: a PKCS#12 file holding its private key, or a
    /// PEM certificate whose key is in <see cref="KeyPath"/> or in the same file.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>, when it is a file of its own.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file, or of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// PEM file of the authorities a peer's certificate must be issued by; it may hold several, so that a new
    /// authority can be trusted before certificates issued by it are rolled out. Without it, a peer must present
    /// the very certificate this process holds.
    /// </summary>
    public string? CertificateAuthorityPath { get; set; }
}
