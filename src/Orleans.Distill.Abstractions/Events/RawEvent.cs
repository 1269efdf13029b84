using System.Text.Json;

namespace Orleans.Distill.Events;

/// <summary>The fields of one event object as sent, before validation. Unknown fields are ignored.</summary>
internal struct RawEvent
{
    public string? Type;
    public string? Account;
    public string? At;
    public string? Ip;
    public string? Instrument;
    public string? Device;
    public string? Template;
    public string? Email;
    public string? Country;
    public string? Category;
    public string? Verdict;
    public string? Source;
    public string? Note;
    public string? Id;
    public long? Requests;
    public long? Tokens;
    public string? RequestsError;
    public string? TokensError;

    /// <summary>Reads one JSON object; returns an error naming the field when a field has the wrong JSON type.</summary>
    public static string? Read(ReadOnlySpan<byte> json, out RawEvent raw)
    {
        raw = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "json: each line must be a JSON object";
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return reader.Read() ? "json: unexpected content after the object" : null;
            }

            if (!TryDecode(ref reader, out var name))
            {
                return "json: a field name is not valid UTF-8";
            }

            reader.Read();
            string? error = name switch
            {
                "type" => ReadString(ref reader, name, ref raw.Type),
                "account" => ReadString(ref reader, name, ref raw.Account),
                "at" => ReadString(ref reader, name, ref raw.At),
                "ip" => ReadString(ref reader, name, ref raw.Ip),
                "instrument" => ReadString(ref reader, name, ref raw.Instrument),
                "device" => ReadString(ref reader, name, ref raw.Device),
                "template" => ReadString(ref reader, name, ref raw.Template),
                "email" => ReadString(ref reader, name, ref raw.Email),
                "country" => ReadString(ref reader, name, ref raw.Country),
                "category" => ReadString(ref reader, name, ref raw.Category),
                "verdict" => ReadString(ref reader, name, ref raw.Verdict),
                "source" => ReadString(ref reader, name, ref raw.Source),
                "note" => ReadString(ref reader, name, ref raw.Note),
                "id" => ReadId(ref reader, ref raw.Id),
                "requests" => ReadInteger(ref reader, name, ref raw.Requests, ref raw.RequestsError),
                "tokens" => ReadInteger(ref reader, name, ref raw.Tokens, ref raw.TokensError),
                _ => Skip(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return "json: the object is not closed";
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name, ref string? field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!TryDecode(ref reader, out var value))
                {
                    return $"{name}: not valid UTF-8";
                }

                field = value;
                return null;
            case JsonTokenType.Null:
                field = null;
                return null;
            default:
                reader.Skip();
                return $"{name}: must be a string";
        }
    }

    /// <summary>
    /// The reader checks a string's bytes only when it decodes them: a line with one invalid byte inside a string
    /// would otherwise fail the whole body with an exception instead of being rejected on its own.
    /// </summary>
    private static bool TryDecode(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }

    private static string? ReadId(ref Utf8JsonReader reader, ref string? field)
    {
        // Producers often use numeric ids; both forms name the same event.
        if (reader.TokenType == JsonTokenType.Number)
        {
            field = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            return null;
        }

        return ReadString(ref reader, "id", ref field);
    }

    private static string? ReadInteger(ref Utf8JsonReader reader, string name, ref long? field, ref string? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var value):
                field = value;
                return null;
            case JsonTokenType.Null:
                field = null;
                return null;
            default:
                reader.Skip();
                error = $"{name}: must be an integer";
                return null;
        }
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
