namespace Orleans.Distill.Security;

/// <summary>
/// A key as the keys file keeps it: never the key itself, only a salted SHA-256 of it. A key is 256 random bits,
/// so a fast hash is enough: there is nothing to guess that a slow one would protect.
/// </summary>
public sealed record ApiKeyRecord(string Name, ApiKeyRole Role, string Salt, string Hash, DateTime Created);
