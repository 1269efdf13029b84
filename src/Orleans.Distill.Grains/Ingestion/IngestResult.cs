namespace Orleans.Distill.Ingestion;

/// <summary>What one batch did: events applied for the first time, and events already applied before.</summary>
public sealed record IngestResult(int Applied, int Duplicates, int Merges);
