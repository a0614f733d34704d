namespace Musubi.Search;

/// <summary>One hit: what a result list or a map needs without reading the store.</summary>
public sealed record SearchHit(
    string Id,
    SearchKind Kind,
    string Title,
    float Score,
    double? DistanceMeters,
    GeoPoint? Location,
    string? PrefectureCode,
    string? MunicipalityCode,
    string? StandardDatasetId,
    DateTimeOffset Modified);

public sealed record FacetValue(string Value, int Count);

public sealed record SearchResults
{
    /// <summary>Documents matching the request (all pages).</summary>
    public required int Total { get; init; }

    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>Counts per requested facet, largest first (ties by value).</summary>
    public required IReadOnlyDictionary<SearchFacet, IReadOnlyList<FacetValue>> Facets { get; init; }

    /// <summary>Opaque cursor for the next page; null on the last page.</summary>
    public string? NextCursor { get; init; }

    public required SearchSort Sort { get; init; }

    /// <summary>Version of the ranking weights used (data/search/weights.json).</summary>
    public required string WeightsVersion { get; init; }
}

/// <summary>Why a request cannot be answered (a 400 for the web face).</summary>
public enum SearchErrorCode
{
    BadRequest,
    BadCursor,
    CursorMismatch,
}

/// <summary>A request the engine refuses, with a one-line message naming the parameter.</summary>
public sealed class SearchRequestException(SearchErrorCode code, string message) : Exception(message)
{
    public SearchErrorCode Code { get; } = code;
}
