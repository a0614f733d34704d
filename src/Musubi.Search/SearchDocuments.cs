using System.Globalization;
using Musubi.Schemas;

namespace Musubi.Search;

/// <summary>Builds search documents from a converted standard row, the way the catalog should feed them.</summary>
public static class SearchDocuments
{
    // The name column of each standard, in the order tried (the first present wins).
    private static readonly string[] NameFields = ["名称", "イベント名", "介護サービス事業所名称", "地域名", "データセット_タイトル", "名称_通称"];

    // Formats whose values are words worth full-text search (codes, phones, URLs, numbers and dates are filters only).
    private static readonly HashSet<string> TextFormats = new(StringComparer.Ordinal) { "default", "kana", "list" };

    /// <summary>
    /// A record document from one converted row (standard field name → value): title = the name column, content = the
    /// text cells, fields = every non-empty cell (filters), codes from 所在地_全国地方公共団体コード or
    /// 全国地方公共団体コード, point from 緯度/経度.
    /// </summary>
    public static SearchDocument FromRecord(string id, TableSchema schema, IReadOnlyDictionary<string, string?> row, DateTimeOffset modified)
    {
        string? Get(string name) => row.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var title = NameFields.Select(Get).FirstOrDefault(v => v is not null) ?? Get(schema.PrimaryKey ?? "ID") ?? id;
        var content = new List<string>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in schema.Fields)
        {
            if (Get(f.Name) is not { } v) continue;
            fields[f.Name] = v;
            if (f.Type == "string" && TextFormats.Contains(f.Format) && v != title) content.Add(v);
        }
        var muni = Get("所在地_全国地方公共団体コード") ?? Get("全国地方公共団体コード") ?? Get("市区町村コード");
        GeoPoint? point = double.TryParse(Get("緯度"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(Get("経度"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && new GeoPoint(lat, lon) is { IsValid: true } p && !(lat == 0 && lon == 0)
            ? p
            : null;
        return new SearchDocument
        {
            Id = id,
            Kind = SearchKind.Record,
            Title = title,
            Content = content,
            Fields = fields,
            MunicipalityCode = muni is { Length: 6 } && muni[2..5] != "000" ? muni : null,
            PrefectureCode = muni is { Length: 6 } && muni[2..5] == "000" ? muni : null, // a prefecture's own row
            StandardDatasetId = schema.Id,
            Location = point,
            Modified = modified,
        };
    }
}
