namespace Orleans.Distill.Events;

public enum EventType : byte
{
    Signup = 0,
    Payment = 1,
    Usage = 2,
    Label = 3,
}

/// <summary>What a <c>usage</c> event's traffic was for (CONTRACT.md); capability probing shows up as coding, agentic and reasoning.</summary>
public enum TrafficCategory : byte
{
    Other = 0,
    Coding = 1,
    Agentic = 2,
    Reasoning = 3,
    Chat = 4,
}

public enum Verdict : byte
{
    Fraud = 0,
    Benign = 1,
}
