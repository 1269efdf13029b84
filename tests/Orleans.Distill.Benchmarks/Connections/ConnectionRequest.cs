namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>One request a connection sends: a POST with its body, and the key that signs it.</summary>
public sealed record ConnectionRequest(string Kind, string Path, byte[] Body, string ContentType, string Key);
