using System.Text.Json;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// A small JSON object body read field by field, so every complaint names its field: a typed binder would
/// answer a wrong type with an error about the whole body.
/// </summary>
internal sealed class JsonBody
{
    private readonly JsonElement _root;

    private JsonBody(JsonElement root) => _root = root;

    public static async Task<(JsonBody? Body, IResult? Error)> ReadAsync(HttpRequest request, long maxBytes = 64 * 1024)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Results.Json(new ErrorResponse($"body: larger than {maxBytes} bytes", "body"), statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Results.BadRequest(new ErrorResponse("body: must be a JSON object", "body")));
            }

            return (new JsonBody(document.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, Results.BadRequest(new ErrorResponse($"body: not valid JSON (line {e.LineNumber + 1})", "body")));
        }
    }

    /// <summary>A string field: null when absent or null; an error naming the field when of another type.</summary>
    public string? String(string field, out IResult? error)
    {
        error = null;
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = Results.BadRequest(new ErrorResponse($"{field}: must be a string", field));
            return null;
        }

        string? text;
        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            // The parser checks a string's bytes only when it decodes them.
            error = Results.BadRequest(new ErrorResponse($"{field}: not valid UTF-8", field));
            return null;
        }

        // Whatever the field, a card number goes no further than here, and is never echoed.
        if (text is not null && CardNumberDetector.ContainsCardNumber(text))
        {
            error = Results.BadRequest(new ErrorResponse($"{field}: {CardNumberDetector.Refusal}", field));
            return null;
        }

        return text;
    }

    public string? Required(string field, out IResult? error)
    {
        var value = String(field, out error);
        if (error is null && string.IsNullOrWhiteSpace(value))
        {
            error = Results.BadRequest(new ErrorResponse($"{field}: required", field));
        }

        return value;
    }
}
