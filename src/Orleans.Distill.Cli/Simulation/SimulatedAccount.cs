namespace Orleans.Distill.Cli.Simulation;

/// <summary>One account of the scenario and the truth about it: the <c>labels.csv</c> row.</summary>
/// <param name="Group">The family the account was made by (<c>household</c>, <c>card_farm</c>, …): see <see cref="Families.FamilyCatalogue"/>.</param>
public sealed record SimulatedAccount(string Account, bool Fraud, string Group);
