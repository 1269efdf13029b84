using System.Text;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Simulation;

/// <summary>A generated scenario read back the way the host reads it: parsed events, and each account's label.</summary>
public sealed class ScenarioEvents
{
    /// <param name="clock">The parser's now: a world set in the future is read as if it had happened.</param>
    public ScenarioEvents(SimulationOptions options, TimeProvider? clock = null)
    {
        Sink = new Simulator(options).Run();
        var parser = new EventParser(new KeyOptions(), new IngestOptions(), clock ?? TimeProvider.System);
        Events = parser.Parse(Encoding.UTF8.GetBytes(string.Join('\n', Sink.OrderedLines()))).Events;
        Labels = Sink.Accounts.ToDictionary(a => a.Account);
    }

    public EventSink Sink { get; }

    public IReadOnlyList<DistillEvent> Events { get; }

    public IReadOnlyDictionary<string, SimulatedAccount> Labels { get; }

    public string GroupOf(string account) => Labels[account].Group;

    public IEnumerable<DistillEvent> Of(string group) => Events.Where(e => GroupOf(e.Account) == group);

    public Dictionary<string, int> CountsByGroup() => Sink.Accounts.GroupBy(a => a.Group).ToDictionary(g => g.Key, g => g.Count());
}
