namespace Orleans.Distill.Cli.Load;

/// <summary>One request of an open-loop run; <see cref="Kind"/> groups the outcomes in the report.</summary>
public sealed record PlannedRequest(HttpMethod Method, string Path, byte[]? JsonBody, string Kind);
