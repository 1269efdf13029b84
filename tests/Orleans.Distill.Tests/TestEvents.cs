using Orleans.Distill.Events;

namespace Orleans.Distill.Tests;

/// <summary>Builds validated events directly, as the parser would produce them.</summary>
public static class TestEvents
{
    public static readonly DateTime T0 = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    public static DistillEvent Signup(string account, string ipRange, DateTime? at = null, string? id = null, string? device = null) =>
        WithKey(new DistillEvent { Type = EventType.Signup, Account = account, At = at ?? T0, IpRange = ipRange, Device = device }, id);

    public static DistillEvent Payment(string account, string instrument, DateTime? at = null, string? id = null, string? device = null) =>
        WithKey(new DistillEvent { Type = EventType.Payment, Account = account, At = at ?? T0, Instrument = instrument, Device = device }, id);

    public static DistillEvent Usage(
        string account, DateTime? at = null, string? ipRange = null, string? template = null, string? device = null,
        long requests = 1, TrafficCategory category = TrafficCategory.Other, string? id = null) =>
        WithKey(new DistillEvent
        {
            Type = EventType.Usage, Account = account, At = at ?? T0, IpRange = ipRange, Template = template, Device = device,
            Requests = requests, Category = category,
        }, id);

    public static DistillEvent Label(string account, Verdict verdict, DateTime? at = null, string? id = null) =>
        WithKey(new DistillEvent { Type = EventType.Label, Account = account, At = at ?? T0, Verdict = verdict }, id);

    private static DistillEvent WithKey(DistillEvent e, string? id) => e with { Dedupe = EventParser.DedupeKey(e, id) };
}
