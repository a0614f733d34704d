using System.Text.Json.Serialization;

namespace Musubi.Schemas;

/// <summary>
/// One standard dataset's table schema: a Frictionless Table Schema document extended with the
/// standard's own facts (Japanese field names, 区分 level, aliases from older versions).
/// The JSON files live in data/schemas and are embedded into the core library.
/// </summary>
public sealed class TableSchema
{
    /// <summary>Stable id used on the command line, e.g. "aed".</summary>
    public required string Id { get; init; }

    /// <summary>Schema document version (date of the definition it follows, yyyy-MM-dd).</summary>
    public required string Version { get; init; }

    /// <summary>Japanese dataset title, e.g. "AED設置箇所一覧".</summary>
    public required string Title { get; init; }

    /// <summary>English dataset title.</summary>
    public required string TitleEn { get; init; }

    /// <summary>Number in the current 自治体標準オープンデータセット list, e.g. "08".</summary>
    public string? StandardNumber { get; init; }

    /// <summary>Number in the old CIO 推奨データセット list, e.g. "01".</summary>
    public string? OldNumber { get; init; }

    /// <summary>Words that identify the dataset in file names and title rows (slugs such as "aed", Japanese titles).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Where the field list comes from, and whether dataset fields were derived from the old definition.</summary>
    public required string Source { get; init; }

    /// <summary>True when the dataset's own fields were derived from the old (CIO) definition because the current one is not known.</summary>
    public bool DerivedFromOld { get; init; }

    /// <summary>Cell values that mean "no value" (Frictionless missingValues).</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = [""];

    /// <summary>Field name of the row identifier, usually "ID".</summary>
    public string? PrimaryKey { get; init; }

    public required IReadOnlyList<FieldSchema> Fields { get; init; }

    [JsonIgnore]
    public IEnumerable<FieldSchema> RequiredFields => Fields.Where(f => f.Level == FieldLevel.Required);

    public FieldSchema? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The position of a field in the schema's order; -1 when the schema has no such field.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
            if (Fields[i].Name == name) return i;
        return -1;
    }
}

/// <summary>One column of a standard dataset.</summary>
public sealed class FieldSchema
{
    /// <summary>The standard's Japanese field name, exactly as in the definition book, e.g. "所在地_連結表記".</summary>
    public required string Name { get; init; }

    /// <summary>English name from the definition book, e.g. "fullAddress".</summary>
    public string? EnglishName { get; init; }

    public string? Description { get; init; }

    /// <summary>Frictionless type: string, integer, number, boolean, date, time, datetime, year.</summary>
    public string Type { get; init; } = "string";

    /// <summary>
    /// Musubi format that selects the normalizer: default, lg-code, corporate-number, kana, phone,
    /// postal-code, email, uri, list, latitude, longitude, town-id.
    /// </summary>
    public string Format { get; init; } = "default";

    /// <summary>区分: ◎ required, ○ recommended, blank optional.</summary>
    public FieldLevel Level { get; init; } = FieldLevel.Optional;

    /// <summary>Names the field had in older versions of the standard or commonly has in the wild.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>For booleans: the values written for true (first one is canonical), Frictionless style.</summary>
    public IReadOnlyList<string>? TrueValues { get; init; }

    /// <summary>For booleans: the values written for false (first one is canonical).</summary>
    public IReadOnlyList<string>? FalseValues { get; init; }

    public FieldConstraints? Constraints { get; init; }

    public string? Example { get; init; }
}

public sealed class FieldConstraints
{
    /// <summary>Allowed values (controlled vocabulary).</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    public string? Pattern { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<FieldLevel>))]
public enum FieldLevel
{
    /// <summary>◎ 必須.</summary>
    Required,

    /// <summary>○ 推奨.</summary>
    Recommended,

    /// <summary>任意.</summary>
    Optional,
}
