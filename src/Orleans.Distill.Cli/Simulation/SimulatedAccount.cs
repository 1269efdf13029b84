namespace Orleans.Distill.Cli.Simulation;

/// <summary>One account of the scenario and the truth about it: the <c>labels.csv</c> row.</summary>
/// <param name="Group">The organic kind (<c>household</c>, <c>company</c>, …) or the campaign's name.</param>
public sealed record SimulatedAccount(string Account, bool Fraud, string Group);
