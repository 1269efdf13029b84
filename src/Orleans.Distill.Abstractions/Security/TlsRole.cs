namespace Orleans.Distill.Security;

/// <summary>What a certificate is used for, which decides the extended key usages it needs.</summary>
public enum TlsRole
{
    /// <summary>A silo accepts connections and opens them to other silos: server and client authentication.</summary>
    Silo,

    /// <summary>A client only connects to gateways: client authentication.</summary>
    Client,
}
