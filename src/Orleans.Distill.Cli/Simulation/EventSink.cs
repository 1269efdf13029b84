using System.Globalization;
using System.Text;

namespace Orleans.Distill.Cli.Simulation;

/// <summary>
/// Collects the scenario's events as contract NDJSON lines with their times, and the accounts' labels; writes them
/// in event-time order. Every event carries an id, so a replay that re-sends a batch applies it once.
/// </summary>
public sealed class EventSink
{
    private readonly List<(DateTime At, string Line)> _events = [];
    private readonly List<SimulatedAccount> _accounts = [];

    public IReadOnlyList<SimulatedAccount> Accounts => _accounts;

    public int Count => _events.Count;

    public void Add(SimulatedAccount account) => _accounts.Add(account);

    public void Signup(string account, DateTime at, string ip, string? device = null) =>
        Emit(at, $$"""{"type":"signup","account":"{{account}}","at":"{{Time(at)}}","ip":"{{ip}}"{{Field("device", device)}},"id":"{{Id()}}"}""");

    public void Payment(string account, DateTime at, string instrument) =>
        Emit(at, $$"""{"type":"payment","account":"{{account}}","at":"{{Time(at)}}","instrument":"{{instrument}}","id":"{{Id()}}"}""");

    public void Usage(string account, DateTime at, string ip, int requests, string category, long tokens, string? device = null, string? template = null) =>
        Emit(at, $$"""{"type":"usage","account":"{{account}}","at":"{{Time(at)}}","ip":"{{ip}}","requests":{{requests}},"category":"{{category}}","tokens":{{tokens}}{{Field("device", device)}}{{Field("template", template)}},"id":"{{Id()}}"}""");

    /// <summary>The NDJSON lines in event-time order (stable: equal times keep the order they were made in).</summary>
    public IEnumerable<string> OrderedLines() => _events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e.Line);

    public void WriteLabels(TextWriter writer)
    {
        writer.WriteLine("account,label,campaign");
        foreach (var account in _accounts)
        {
            writer.WriteLine($"{account.Account},{(account.Fraud ? 1 : 0)},{account.Group}");
        }
    }

    private void Emit(DateTime at, string line) => _events.Add((at, line));

    private string Id() => "s" + _events.Count.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Field(string name, string? value) => value is null ? "" : new StringBuilder(",\"").Append(name).Append("\":\"").Append(value).Append('"').ToString();
}
