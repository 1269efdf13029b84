namespace Orleans.Distill.Queries;

/// <summary>A would-be account's identifiers, already validated and normalised into entity node keys.</summary>
public sealed record SignupCheck(IReadOnlyList<string> Entities);
