using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Musubi.Web.Ckan;

/// <summary>
/// CKAN's Action API wire format (../shared/reference/hub/ckan-api-contract.md §1–2): the envelope
/// <c>{help, success, result}</c>, the error envelope <c>{help, success:false, error:{__type, message}}</c> with CKAN's
/// status codes, and the bare JSON string CKAN answers for a bad request or an unknown action.
/// </summary>
public static class CkanProtocol
{
    public const string ContentType = "application/json;charset=utf-8";

    /// <summary>Japanese stays readable in answers (CKAN's clients accept both escaped and raw UTF-8).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string HelpUrl(HttpRequest request, string action) =>
        $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}/api/3/action/help_show?name={Uri.EscapeDataString(action)}";

    public static Task WriteResult(HttpContext context, string action, JsonNode? result)
    {
        var envelope = new JsonObject
        {
            ["help"] = HelpUrl(context.Request, action),
            ["success"] = true,
            ["result"] = result,
        };
        return Write(context, StatusCodes.Status200OK, envelope);
    }

    public static Task WriteError(HttpContext context, string action, CkanError error)
    {
        var body = new JsonObject();
        if (error.Fields is { } fields)
        {
            // A Validation Error is the error dict itself, with no message (CKAN views/api.py 308–315).
            foreach (var (field, messages) in fields) body[field] = new JsonArray([.. messages.Select(m => (JsonNode)m)]);
        }
        else
        {
            body["message"] = error.Message;
        }
        body["__type"] = error.Type;
        var envelope = new JsonObject
        {
            ["help"] = HelpUrl(context.Request, action),
            ["success"] = false,
            ["error"] = body,
        };
        return Write(context, error.Status, envelope);
    }

    /// <summary>CKAN's "Bad request: …" answer: status 400 and a bare JSON string, not an envelope.</summary>
    public static Task WriteBadRequest(HttpContext context, string message) =>
        Write(context, StatusCodes.Status400BadRequest, JsonValue.Create("Bad request: " + message));

    private static async Task Write(HttpContext context, int status, JsonNode node)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        await using var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = Json.Encoder });
        node.WriteTo(writer, Json);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>CKAN's time stamps: naive UTC with microseconds, no zone (<c>2021-08-26T02:08:54.309405</c>); harvesters compare them as strings.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>
    /// The call's parameters: a GET's query (a repeated key becomes a list, as in CKAN), a POST's JSON object body or
    /// form fields. Null with a message when the body is not a JSON object.
    /// </summary>
    public static async Task<(JsonObject? Parameters, string? Problem)> ReadParameters(HttpRequest request, long maxBodyBytes)
    {
        var parameters = new JsonObject();
        foreach (var (key, values) in request.Query)
        {
            parameters[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
        if (!HttpMethods.IsPost(request.Method)) return (parameters, null);

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, values) in form)
            {
                // The legacy trick: a JSON string posted as the only form key (CKAN views/api.py 180–208).
                if (form.Count == 1 && values.Count == 1 && values[0] is "" && key.TrimStart().StartsWith('{'))
                {
                    return MergeJson(parameters, key);
                }
                parameters[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
            }
            return (parameters, null);
        }

        using var reader = new StreamReader(request.Body);
        var text = await ReadUpTo(reader, maxBodyBytes);
        if (text is null) return (null, "JSON Error: request body too large");
        if (string.IsNullOrWhiteSpace(text)) return (parameters, null);
        return MergeJson(parameters, text);
    }

    private static async Task<string?> ReadUpTo(StreamReader reader, long max)
    {
        var sb = new System.Text.StringBuilder();
        var chunk = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(chunk)) > 0)
        {
            sb.Append(chunk, 0, n);
            if (sb.Length > max) return null;
        }
        return sb.ToString();
    }

    private static (JsonObject?, string?) MergeJson(JsonObject parameters, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            return (null, "JSON Error: " + e.Message.ReplaceLineEndings(" "));
        }
        if (node is not JsonObject obj) return (null, "JSON Error: Request data JSON decoded to a non-dictionary type");
        foreach (var (key, value) in obj.ToList())
        {
            obj.Remove(key);
            parameters[key] = value;
        }
        return (parameters, null);
    }
}

/// <summary>A CKAN error: its <c>__type</c>, HTTP status, and a message or (Validation Error) a dict of field messages.</summary>
public sealed record CkanError(string Type, int Status, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static CkanError NotFound(string? what = null) =>
        new("Not Found Error", StatusCodes.Status404NotFound, what is null ? "Not found" : "Not found: " + what);

    public static CkanError Validation(string field, string message = "Missing value") =>
        new("Validation Error", StatusCodes.Status409Conflict, "", new Dictionary<string, string[]> { [field] = [message] });

    public static CkanError NotAuthorized(string message) =>
        new("Authorization Error", StatusCodes.Status403Forbidden, "Access denied: " + message);

    public static CkanError SearchQuery(string message) =>
        new("Search Query Error", StatusCodes.Status400BadRequest, "Search Query is invalid: " + message);

    public static CkanError Internal() =>
        new("Internal Server Error", StatusCodes.Status500InternalServerError, "Internal Server Error");
}

/// <summary>Thrown by an action handler; the frame writes it as CKAN's error envelope.</summary>
public sealed class CkanException(CkanError error) : Exception(error.Message)
{
    public CkanError Error { get; } = error;
}

/// <summary>Reading CKAN parameters the way CKAN's validators do.</summary>
public static class CkanParameters
{
    public static string? String(this JsonObject p, string name) => p[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        var other => other.ToJsonString(),
    };

    public static string Required(this JsonObject p, string name) =>
        p.String(name) is { Length: > 0 } s ? s : throw new CkanException(CkanError.Validation(name));

    /// <summary>A natural number (CKAN's natural_number_validator): negative or not a number → 409 Validation Error.</summary>
    public static int Natural(this JsonObject p, string name, int fallback)
    {
        var node = p[name];
        if (node is null) return fallback;
        if (node is JsonValue v && v.TryGetValue<int>(out var i)) return i >= 0 ? i : throw new CkanException(CkanError.Validation(name, "Must be a natural number"));
        var s = p.String(name);
        if (string.IsNullOrEmpty(s)) return fallback;
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n : throw new CkanException(CkanError.Validation(name, n < 0 ? "Must be a natural number" : "Invalid integer"));
    }

    public static bool Bool(this JsonObject p, string name, bool fallback)
    {
        var node = p[name];
        if (node is null) return fallback;
        if (node is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
        return p.String(name)?.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => fallback,
        };
    }

    /// <summary>A list given as a JSON array, a JSON-encoded string, a repeated GET key or one value.</summary>
    public static IReadOnlyList<string> List(this JsonObject p, string name)
    {
        var node = p[name];
        if (node is null) return [];
        if (node is JsonArray a) return [.. a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : x?.ToJsonString() ?? "")];
        var text = p.String(name) ?? "";
        if (text.TrimStart().StartsWith('['))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonArray parsed) return [.. parsed.Select(x => x?.GetValue<string>() ?? "")];
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                throw new CkanException(CkanError.Validation(name, "Invalid JSON list"));
            }
        }
        return text.Length == 0 ? [] : [text];
    }
}
