using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Events;

/// <summary>
/// Turns an ingest body (NDJSON, or a JSON array of the same objects) into validated events.
/// Each line stands alone: a bad line is reported with its number and the field at fault,
/// and never costs the good lines beside it.
/// </summary>
public sealed class EventParser(KeyOptions keys, IngestOptions limits, TimeProvider clock)
{
    public ParsedBatch Parse(ReadOnlySpan<byte> body)
    {
        // A UTF-8 byte order mark is no part of the first line.
        if (body.StartsWith(ByteOrderMark))
        {
            body = body[ByteOrderMark.Length..];
        }

        var start = 0;
        while (start < body.Length && IsWhitespace(body[start]))
        {
            start++;
        }

        if (start >= body.Length)
        {
            throw new BodyFormatException("the body is empty: send NDJSON, one event per line, or a JSON array of events");
        }

        if (body[start] == (byte)'[')
        {
            return ParseArray(body[start..]);
        }

        // Anything else is NDJSON, judged line by line: stray bytes cost only the line they are on. Only a body in
        // which no line even starts as a JSON object is refused whole.
        var batch = ParseNdjson(body, out var objects);
        return objects > 0
            ? batch
            : throw new BodyFormatException("the body is neither NDJSON (one JSON object per line) nor a JSON array");
    }

    private ParsedBatch ParseNdjson(ReadOnlySpan<byte> body, out int objects)
    {
        objects = 0;
        var events = new List<DistillEvent>();
        var lines = new List<int>();
        var rejected = new List<RejectedLine>();
        var now = clock.GetUtcNow().UtcDateTime;
        var lineNumber = 0;
        while (!body.IsEmpty)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            line = line.TrimEnd((byte)'\r');
            var content = line.Trim(" \t"u8);
            if (content.IsEmpty)
            {
                continue;
            }

            if (content[0] == (byte)'{')
            {
                objects++;
            }

            Collect(line, lineNumber, now, events, lines, rejected);
        }

        return new ParsedBatch(events, lines, rejected);
    }

    private ParsedBatch ParseArray(ReadOnlySpan<byte> body)
    {
        // The array must be well-formed JSON as a whole; otherwise nothing in it is trusted.
        var elements = new List<(int Start, int Length)>();
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var elementStart = (int)reader.TokenStartIndex;
                reader.Skip();
                elements.Add((elementStart, (int)reader.BytesConsumed - elementStart));
            }

            if (reader.Read())
            {
                throw new BodyFormatException("unexpected content after the closing ']' of the JSON array");
            }
        }
        catch (JsonException e)
        {
            throw new BodyFormatException($"the JSON array is malformed: {e.Message}");
        }

        var events = new List<DistillEvent>(elements.Count);
        var lines = new List<int>(elements.Count);
        var rejected = new List<RejectedLine>();
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < elements.Count; i++)
        {
            Collect(body.Slice(elements[i].Start, elements[i].Length), i + 1, now, events, lines, rejected);
        }

        return new ParsedBatch(events, lines, rejected);
    }

    private void Collect(ReadOnlySpan<byte> json, int line, DateTime now, List<DistillEvent> events, List<int> lines, List<RejectedLine> rejected)
    {
        if (json.Length > limits.MaxLineBytes)
        {
            rejected.Add(new RejectedLine(line, $"line: longer than {limits.MaxLineBytes} bytes"));
            return;
        }

        var error = TryParseEvent(json, now, out var evt);
        if (evt is not null)
        {
            events.Add(evt);
            lines.Add(line);
        }
        else
        {
            rejected.Add(new RejectedLine(line, error!));
        }
    }

    /// <summary>Parses one JSON object into an event; returns the error (naming the field) when it is not valid.</summary>
    public string? TryParseEvent(ReadOnlySpan<byte> json, DateTime now, out DistillEvent? evt)
    {
        evt = null;
        RawEvent raw;
        try
        {
            var error = RawEvent.Read(json, out raw);
            if (error is not null)
            {
                return error;
            }
        }
        catch (JsonException e)
        {
            return $"json: malformed ({Trim(e.Message)})";
        }

        return Validate(raw, now, out evt);
    }

    private string? Validate(in RawEvent raw, DateTime now, out DistillEvent? evt)
    {
        evt = null;
        if (raw.Type is null)
        {
            return "type: required";
        }

        EventType type;
        switch (raw.Type)
        {
            case "signup": type = EventType.Signup; break;
            case "payment": type = EventType.Payment; break;
            case "usage": type = EventType.Usage; break;
            case "label": type = EventType.Label; break;
            default: return $"type: unknown event type '{Printable(raw.Type)}' (expected signup, payment, usage or label)";
        }

        if (raw.Account is null)
        {
            return "account: required";
        }

        if (!Identifiers.IsValidAccount(raw.Account))
        {
            return $"account: must be 1-{Identifiers.MaxAccountLength} characters of [A-Za-z0-9._:@-]";
        }

        // A card number must not reach storage or logs in any field a person or a producer writes; never echo it.
        foreach (var (field, value) in new[]
                 {
                     ("account", raw.Account), ("instrument", raw.Instrument), ("device", raw.Device), ("template", raw.Template),
                     ("email", raw.Email), ("country", raw.Country), ("source", raw.Source), ("note", raw.Note),
                 })
        {
            if (value is not null && CardNumberDetector.ContainsCardNumber(value))
            {
                return $"{field}: {CardNumberDetector.Refusal}";
            }
        }

        if (raw.At is null)
        {
            return "at: required";
        }

        if (!TryParseTime(raw.At, out var at))
        {
            return "at: not an RFC 3339 timestamp (e.g. 2026-04-22T10:00:00Z)";
        }

        if (at > now + limits.MaxClockSkew)
        {
            return "at: is in the future";
        }

        if (at < limits.EarliestEventTime)
        {
            return $"at: is before {limits.EarliestEventTime:yyyy-MM-dd}";
        }

        string? ipRange = null;
        if (raw.Ip is not null)
        {
            if (!IpRangeKey.TryFold(raw.Ip, keys.IPv4PrefixLength, keys.IPv6PrefixLength, out var range, out var ipError))
            {
                return $"ip: {ipError}";
            }

            ipRange = range;
        }
        else if (type == EventType.Signup)
        {
            return "ip: required for signup";
        }

        if (raw.Instrument is not null)
        {
            if (Identifiers.CheckOpaque(raw.Instrument, keys.MaxOpaqueLength) is { } e)
            {
                return $"instrument: {e}";
            }
        }
        else if (type == EventType.Payment)
        {
            return "instrument: required for payment";
        }

        var optionalError = CheckOptional("device", raw.Device, keys.MaxOpaqueLength)
            ?? CheckOptional("template", raw.Template, keys.MaxOpaqueLength)
            ?? CheckOptional("email", raw.Email, keys.MaxOpaqueLength)
            ?? CheckOptional("country", raw.Country, 64)
            ?? CheckOptional("source", raw.Source, keys.MaxOpaqueLength)
            ?? CheckOptional("note", raw.Note, limits.MaxNoteLength)
            ?? CheckOptional("id", raw.Id, keys.MaxOpaqueLength);
        if (optionalError is not null)
        {
            return optionalError;
        }

        var category = TrafficCategory.Other;
        if (raw.Category is not null)
        {
            switch (raw.Category)
            {
                case "coding": category = TrafficCategory.Coding; break;
                case "agentic": category = TrafficCategory.Agentic; break;
                case "reasoning": category = TrafficCategory.Reasoning; break;
                case "chat": category = TrafficCategory.Chat; break;
                case "other": category = TrafficCategory.Other; break;
                default: return "category: must be one of coding, agentic, reasoning, chat, other";
            }
        }

        if (raw.RequestsError is not null)
        {
            return raw.RequestsError;
        }

        if (type == EventType.Usage && raw.Requests is null)
        {
            return "requests: required for usage";
        }

        if (raw.Requests is < 1)
        {
            return "requests: must be an integer >= 1";
        }

        if (raw.TokensError is not null)
        {
            return raw.TokensError;
        }

        if (raw.Tokens is < 0)
        {
            return "tokens: must be an integer >= 0";
        }

        Verdict? verdict = null;
        if (raw.Verdict is not null)
        {
            verdict = raw.Verdict switch
            {
                "fraud" => Verdict.Fraud,
                "benign" => Verdict.Benign,
                _ => null,
            };
            if (verdict is null)
            {
                return "verdict: must be fraud or benign";
            }
        }
        else if (type == EventType.Label)
        {
            return "verdict: required for label";
        }

        var e2 = new DistillEvent
        {
            Type = type,
            Account = raw.Account,
            At = at,
            IpRange = ipRange,
            Instrument = type == EventType.Label ? null : raw.Instrument,
            Device = type == EventType.Label ? null : raw.Device,
            Template = type == EventType.Usage ? raw.Template : null,
            Email = raw.Email,
            Country = raw.Country,
            Category = category,
            Requests = type == EventType.Usage ? raw.Requests ?? 0 : 0,
            Tokens = type == EventType.Usage ? raw.Tokens ?? 0 : 0,
            Verdict = type == EventType.Label ? verdict : null,
            Source = raw.Source,
            Note = raw.Note,
        };
        evt = e2 with { Dedupe = DedupeKey(e2, raw.Id) };
        return null;
    }

    /// <summary>
    /// The idempotency key: the hash of <c>id</c> when given; otherwise of the normalised content,
    /// so a re-sent event without an id is still applied once.
    /// </summary>
    public static ulong DedupeKey(DistillEvent e, string? id)
    {
        var builder = new StringBuilder(128);
        if (id is not null)
        {
            builder.Append("id\u0001").Append(id);
        }
        else
        {
            builder.Append((int)e.Type).Append('\u0001').Append(e.Account).Append('\u0001').Append(e.At.Ticks)
                .Append('\u0001').Append(e.IpRange).Append('\u0001').Append(e.Instrument).Append('\u0001').Append(e.Device)
                .Append('\u0001').Append(e.Template).Append('\u0001').Append((int)e.Category).Append('\u0001').Append(e.Requests)
                .Append('\u0001').Append(e.Tokens).Append('\u0001').Append(e.Verdict?.ToString()).Append('\u0001').Append(e.Email)
                .Append('\u0001').Append(e.Country);
        }

        var text = builder.ToString();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            return XxHash64.HashToUInt64(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public static bool TryParseTime(string text, out DateTime utc)
    {
        utc = default;
        // RFC 3339 needs a full date, a 'T' (or space) and a time with an offset or Z.
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or 't' or ' '))
        {
            return false;
        }

        var last = text[^1];
        var hasZone = last is 'Z' or 'z' || (text.Length >= 25 && text[^3] == ':' && text[^6] is '+' or '-');
        if (!hasZone)
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    private static string? CheckOptional(string field, string? value, int maxLength) =>
        value is null ? null : Identifiers.CheckOpaque(value, maxLength) is { } e ? $"{field}: {e}" : null;

    private static string Printable(string value) =>
        value.Length > 32 ? string.Concat(value.AsSpan(0, 32), "...") : value;

    private static string Trim(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd(' ', '.');
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
