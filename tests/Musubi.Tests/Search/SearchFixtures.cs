using Musubi.Search;

namespace Musubi.Tests.Search;

/// <summary>Invented documents (no real personal data) and a small in-memory index for the search tests.</summary>
internal static class SearchFixtures
{
    public static readonly DateTimeOffset Base = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SearchDocument Dataset(string id, string title, string? pref = null, string? muni = null, string? description = null,
        string? standard = null, string[]? tags = null, string[]? formats = null, string? licence = null, string[]? categories = null, int minutes = 0) => new()
        {
            Id = id,
            Kind = SearchKind.Dataset,
            Title = title,
            Description = description,
            Tags = tags ?? [],
            PrefectureCode = pref,
            MunicipalityCode = muni,
            StandardDatasetId = standard,
            Formats = formats ?? [],
            Licence = licence,
            Categories = categories ?? [],
            Modified = Base.AddMinutes(minutes),
        };

    public static SearchDocument Record(string id, string name, string muni, string standard, double? lat = null, double? lon = null,
        Dictionary<string, string>? fields = null, string[]? content = null, int minutes = 0) => new()
        {
            Id = id,
            Kind = SearchKind.Record,
            Title = name,
            MunicipalityCode = muni,
            StandardDatasetId = standard,
            Content = content ?? [.. (fields ?? []).Values],
            Fields = fields ?? [],
            Location = lat is { } la && lon is { } lo ? new GeoPoint(la, lo) : null,
            Modified = Base.AddMinutes(minutes),
        };

    public static SearchIndex Index(params SearchDocument[] docs)
    {
        var index = SearchIndex.CreateInMemory();
        index.Upsert(docs);
        index.Commit(1);
        return index;
    }

    public static List<string> Ids(this SearchIndex index, string text, SearchKind? kind = null) =>
        [.. index.Search(new SearchRequest { Text = text, Kind = kind, Size = 100 }).Hits.Select(h => h.Id)];
}
