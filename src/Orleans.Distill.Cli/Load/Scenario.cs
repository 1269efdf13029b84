using System.Text;
using System.Text.Json;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// A scenario written by <c>simulate</c>, read for a load run: the NDJSON lines to post, the same lines parsed (for
/// the union-find baseline), the labels, and what each account signed up with (for realistic risk checks).
/// </summary>
public sealed class Scenario
{
    private const int ParseSlice = 10_000;

    private readonly Lazy<IReadOnlyDictionary<string, AccountIdentity>> _identities;

    private Scenario(string[] lines, IReadOnlyList<DistillEvent> events, IReadOnlyDictionary<string, LabelledAccount> labels)
    {
        Lines = lines;
        Events = events;
        Labels = labels;
        // Read from the raw lines a second time, so only when a run builds risk checks from them.
        _identities = new(() => IdentitiesOf(lines));
    }

    public string[] Lines { get; }

    /// <summary>Parsed from <see cref="Lines"/>, one per line and in the same order.</summary>
    public IReadOnlyList<DistillEvent> Events { get; }

    public IReadOnlyDictionary<string, LabelledAccount> Labels { get; }

    public IReadOnlyDictionary<string, AccountIdentity> Identities => _identities.Value;

    /// <summary>
    /// Refuses (FormatException naming the file and line) any line the host would reject: a load run posts them all.
    /// Either file may be gzipped (<c>.gz</c>).
    /// </summary>
    public static async Task<Scenario> ReadAsync(string eventsPath, string labelsPath, CancellationToken cancellation)
    {
        var labels = LabelledAccount.Read(labelsPath);
        var lines = await TextInput.ReadAllLinesAsync(eventsPath, cancellation);
        var parser = new EventParser(new KeyOptions(), new IngestOptions(), TimeProvider.System);
        var events = new List<DistillEvent>(lines.Length);
        // In slices: a real data set is larger than one body the parser is meant for.
        for (var start = 0; start < lines.Length; start += ParseSlice)
        {
            var slice = lines.AsSpan(start, Math.Min(ParseSlice, lines.Length - start)).ToArray();
            ParsedBatch parsed;
            try
            {
                parsed = parser.Parse(Encoding.UTF8.GetBytes(string.Join('\n', slice)));
            }
            catch (BodyFormatException)
            {
                throw new FormatException($"{eventsPath} line {start + 1}: not an event; every line must be one");
            }

            if (parsed.Rejected.Count > 0 || parsed.Events.Count != slice.Length)
            {
                var first = parsed.Rejected.FirstOrDefault();
                throw new FormatException(first is null
                    ? $"{eventsPath}: {slice.Length - parsed.Events.Count} blank lines after line {start}; every line must be an event"
                    : $"{eventsPath} line {start + first.Line}: {first.Error}");
            }

            events.AddRange(parsed.Events);
        }

        return new Scenario(lines, events, labels);
    }

    /// <summary>
    /// The raw address, card and device each account first used. The parsed events hold the address folded to its
    /// range, and a signup request carries an address.
    /// </summary>
    private static Dictionary<string, AccountIdentity> IdentitiesOf(string[] lines)
    {
        var identities = new Dictionary<string, AccountIdentity>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var account = root.GetProperty("account").GetString()!;
            var known = identities.GetValueOrDefault(account) ?? new AccountIdentity(null, null, null);
            identities[account] = new AccountIdentity(
                known.Ip ?? Text(root, "ip"), known.Instrument ?? Text(root, "instrument"), known.Device ?? Text(root, "device"));
        }

        return identities;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>What an account was seen with; any part may be missing (an account that never paid has no card).</summary>
public sealed record AccountIdentity(string? Ip, string? Instrument, string? Device);
