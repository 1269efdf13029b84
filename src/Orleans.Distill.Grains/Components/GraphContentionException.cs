namespace Orleans.Distill.Components;

/// <summary>
/// A merge or a placement did not settle within its bounded number of attempts because concurrent merges and
/// splits kept moving the roots it met. Nothing is wrong with the request: sent again, it meets a quieter forest.
/// </summary>
public sealed class GraphContentionException(string message) : Exception(message);
