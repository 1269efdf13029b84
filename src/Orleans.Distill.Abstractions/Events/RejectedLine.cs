namespace Orleans.Distill.Events;

/// <summary>A line of an ingest body that was not applied, and why (naming the field).</summary>
public sealed record RejectedLine(int Line, string Error);

/// <summary>The valid events of a body, each with its line number, and the lines refused.</summary>
public sealed record ParsedBatch(IReadOnlyList<DistillEvent> Events, IReadOnlyList<int> EventLines, IReadOnlyList<RejectedLine> Rejected);

/// <summary>The body as a whole is not NDJSON or a JSON array: nothing in it is applied (HTTP 400).</summary>
public sealed class BodyFormatException(string message) : Exception(message);
