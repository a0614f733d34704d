namespace Musubi.Search;

/// <summary>What a search document describes.</summary>
public enum SearchKind
{
    /// <summary>A harvested dataset's catalog entry.</summary>
    Dataset,
    /// <summary>One converted row of a standard dataset (an AED, an evacuation site …).</summary>
    Record,
}

/// <summary>A WGS84 point in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180 && double.IsFinite(Latitude) && double.IsFinite(Longitude);
}

/// <summary>
/// One document of the search index, built by the catalog from its store (the store is the source of truth; the
/// index is a cache rebuilt from it). Text is given as written: the engine folds it (<see cref="Analysis.SearchText"/>).
/// The engine adds on its own, from Musubi.Core's data: the standard dataset's title and keywords (from
/// <see cref="StandardDatasetId"/>) and the place names of <see cref="PrefectureCode"/>/<see cref="MunicipalityCode"/>.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>Stable unique id, e.g. "dataset:…" or "record:aed:131016:0001". Upserts replace by id.</summary>
    public required string Id { get; init; }

    public required SearchKind Kind { get; init; }

    /// <summary>Dataset title, or the record's name (名称, イベント名 …).</summary>
    public required string Title { get; init; }

    /// <summary>Dataset description (notes); for a record, usually empty (its text cells go to <see cref="Content"/>).</summary>
    public string? Description { get; init; }

    /// <summary>Dataset tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Other searchable text: a dataset's resource names and descriptions; a record's text cells (address, kana, notes …).</summary>
    public IReadOnlyList<string> Content { get; init; } = [];

    /// <summary>Extra words the document should be found by: the publisher's names, organisation, synonyms.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>
    /// A record's standard fields (schema field name → value), each an exact-match filter
    /// (<see cref="SearchRequest.FieldFilters"/>, e.g. 種別=避難所) after folding. Values of list-format fields (;-separated)
    /// are also indexed one by one. Not full text: put the text cells in <see cref="Content"/> too.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = EmptyFields;

    /// <summary>6-digit 全国地方公共団体コード of the prefecture (e.g. 130001); derived from <see cref="MunicipalityCode"/> when absent.</summary>
    public string? PrefectureCode { get; init; }

    /// <summary>6-digit code of the municipality or designated-city ward (e.g. 131016); null for a prefecture's own data.</summary>
    public string? MunicipalityCode { get; init; }

    /// <summary>Id of the standard dataset (schema id in data/schemas, e.g. "aed") the dataset converts to / the record belongs to.</summary>
    public string? StandardDatasetId { get; init; }

    /// <summary>Categories (データセット_分類, CKAN groups …).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>File formats of a dataset's resources (CSV, XLSX …); compared case-insensitively.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    /// <summary>Licence id or name (e.g. CC-BY-4.0).</summary>
    public string? Licence { get; init; }

    public GeoPoint? Location { get; init; }

    /// <summary>Last modification (of the dataset or the record's conversion).</summary>
    public DateTimeOffset Modified { get; init; }

    internal static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>();
}
