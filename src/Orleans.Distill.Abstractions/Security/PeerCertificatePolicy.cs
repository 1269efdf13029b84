using System.Security.Cryptography.X509Certificates;

namespace Orleans.Distill.Security;

/// <summary>
/// Which certificates the other end of a connection may present: one whose chain ends at one of the cluster's
/// authorities, or, when there are none, exactly the certificate this process holds. The machine's own trusted
/// roots play no part: a certificate any public authority issued must not make its holder a silo.
/// </summary>
public sealed class PeerCertificatePolicy
{
    private readonly X509Certificate2Collection _authorities;
    private readonly X509Certificate2? _pinned;

    private PeerCertificatePolicy(X509Certificate2Collection authorities, X509Certificate2? pinned) =>
        (_authorities, _pinned) = (authorities, pinned);

    public static PeerCertificatePolicy IssuedBy(X509Certificate2Collection authorities) =>
        authorities.Count > 0 ? new(authorities, null) : throw new ArgumentException("At least one authority is needed.", nameof(authorities));

    public static PeerCertificatePolicy Exactly(X509Certificate2 certificate) => new([], certificate);

    /// <summary>
    /// Null when <paramref name="peer"/> is trusted, otherwise why it is not. <paramref name="presented"/> is the
    /// chain the TLS layer built; the intermediates the peer sent may complete the path, but never anchor it.
    /// </summary>
    /// <remarks>
    /// Host names are not checked: silos reach each other by address, and in Kubernetes those change with every
    /// pod. Holding a certificate of the cluster's own authority is what makes a peer a member.
    /// </remarks>
    public string? Refusal(X509Certificate2 peer, X509Chain? presented, DateTime? now = null)
    {
        var at = now ?? DateTime.Now;
        if (_pinned is not null)
        {
            return !peer.RawDataMemory.Span.SequenceEqual(_pinned.RawDataMemory.Span) ? "it is not the cluster's certificate"
                : at > peer.NotAfter ? $"it expired on {peer.NotAfter:u}"
                : at < peer.NotBefore ? $"it is not valid before {peer.NotBefore:u}"
                : null;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // A private authority publishes no revocation lists; rotating it (or the certificates) is how a key is withdrawn.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(peer)
            ? null
            : $"it is not issued by a trusted authority ({string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct())})";
    }
}
