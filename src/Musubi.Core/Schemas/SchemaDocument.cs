using System.Text.Json;
using static Musubi.Schemas.JsonFields;

namespace Musubi.Schemas;

/// <summary>
/// Reads a schema document from the JSON DOM. The serializer gives the same objects (a test holds them equal) but its
/// first use costs ~65 ms of every command's start-up, against ~13 ms for the DOM; the schema format is small and stable.
/// Property names are case-sensitive, unknown properties are ignored, comments and trailing commas are allowed — as the
/// serializer options did.
/// </summary>
internal static class SchemaDocument
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static TableSchema Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, Options);
        return Read(doc);
    }

    /// <summary>From UTF-8 bytes, as the embedded schemas are stored (no decoding to a string and back).</summary>
    public static TableSchema Parse(Stream utf8)
    {
        using var doc = JsonDocument.Parse(utf8, Options);
        return Read(doc);
    }

    private static TableSchema Read(JsonDocument doc)
    {
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("a schema document must be a JSON object");
        return new TableSchema
        {
            Id = Required(root, "id"),
            Version = Required(root, "version"),
            Title = Required(root, "title"),
            TitleEn = Required(root, "titleEn"),
            StandardNumber = Text(root, "standardNumber"),
            OldNumber = Text(root, "oldNumber"),
            Keywords = List(root, "keywords") ?? [],
            Source = Required(root, "source"),
            DerivedFromOld = root.TryGetProperty("derivedFromOld", out var d) && d.ValueKind == JsonValueKind.True,
            MissingValues = List(root, "missingValues") ?? [""],
            PrimaryKey = Text(root, "primaryKey"),
            Fields = root.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array
                ? [.. fields.EnumerateArray().Select(Field)]
                : throw new InvalidDataException("a schema document needs \"fields\""),
        };
    }

    private static FieldSchema Field(JsonElement f) => new()
    {
        Name = Required(f, "name"),
        EnglishName = Text(f, "englishName"),
        Description = Text(f, "description"),
        Type = Text(f, "type") ?? "string",
        Format = Text(f, "format") ?? "default",
        Level = f.TryGetProperty("level", out var level) ? LevelOf(level) : FieldLevel.Optional,
        Aliases = List(f, "aliases") ?? [],
        TrueValues = List(f, "trueValues"),
        FalseValues = List(f, "falseValues"),
        Constraints = f.TryGetProperty("constraints", out var c) && c.ValueKind == JsonValueKind.Object
            ? new FieldConstraints
            {
                Enum = List(c, "enum"),
                Pattern = Text(c, "pattern"),
                Minimum = Number(c, "minimum"),
                Maximum = Number(c, "maximum"),
            }
            : null,
        Example = Text(f, "example"),
    };

    private static FieldLevel LevelOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String when Enum.TryParse<FieldLevel>(e.GetString(), ignoreCase: true, out var l) && Enum.IsDefined(l) => l,
        JsonValueKind.Number when e.TryGetInt32(out var n) && Enum.IsDefined((FieldLevel)n) => (FieldLevel)n,
        _ => throw new InvalidDataException($"level {e.GetRawText()} is not Required, Recommended or Optional"),
    };

    private static string Required(JsonElement e, string name) =>
        Text(e, name) ?? throw new InvalidDataException($"a schema document needs \"{name}\"");
}
