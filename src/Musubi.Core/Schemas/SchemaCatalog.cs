using System.Text.Json;
using System.Text.Json.Serialization;
using Musubi.Embedded;

namespace Musubi.Schemas;

/// <summary>The set of standard dataset schemas shipped with Musubi (embedded from data/schemas).</summary>
public sealed class SchemaCatalog
{
    /// <summary>Serializer options for `schemas show` and the tests; built on first use, not with the catalog.</summary>
    internal static JsonSerializerOptions JsonOptions => SerializerOptions.Value;

    // A holder class: as a static field of the catalog these options (and the source-generated context) were built
    // at the catalog's first use, ~15 ms of every conversion's start-up, though a conversion never serializes a schema.
    private static class SerializerOptions
    {
        public static readonly JsonSerializerOptions Value = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // Source-generated metadata: reflection-based metadata cost ~150 ms of every command's start-up.
            TypeInfoResolver = SchemaJsonContext.Default,
        };
    }

    private static readonly Lazy<SchemaCatalog> DefaultCatalog = new(LoadEmbedded);

    private readonly Dictionary<string, TableSchema> _byId;

    public SchemaCatalog(IEnumerable<TableSchema> schemas)
    {
        _byId = schemas.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
    }

    public static SchemaCatalog Default => DefaultCatalog.Value;

    public IReadOnlyCollection<TableSchema> All => _byId.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

    public TableSchema? Find(string id) => _byId.GetValueOrDefault(id);

    public static string ToJson(TableSchema schema) =>
        JsonSerializer.Serialize(schema, new JsonSerializerOptions(JsonOptions) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static TableSchema Parse(string json) => SchemaDocument.Parse(json);

    /// <summary>The same document through the serializer (tests hold the two equal).</summary>
    internal static TableSchema ParseWithSerializer(string json) =>
        JsonSerializer.Deserialize<TableSchema>(json, JsonOptions) ?? throw new InvalidDataException("empty schema document");

    private static SchemaCatalog LoadEmbedded()
    {
        var schemas = new List<TableSchema>();
        foreach (var name in EmbeddedData.Names("schemas/"))
        {
            using var stream = EmbeddedData.Open(name);
            schemas.Add(SchemaDocument.Parse(stream));
        }
        return new SchemaCatalog(schemas);
    }
}

/// <summary>Compile-time JSON metadata for schema documents (no reflection at start-up).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(TableSchema))]
internal sealed partial class SchemaJsonContext : JsonSerializerContext;
