using System.Text.Json;

namespace Musubi.Schemas;

/// <summary>Optional properties of the embedded data documents (schemas, eras) read from the JSON DOM: null when absent or of another kind.</summary>
internal static class JsonFields
{
    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public static IReadOnlyList<string>? List(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(x => x.GetString() ?? "")] : null;
}
