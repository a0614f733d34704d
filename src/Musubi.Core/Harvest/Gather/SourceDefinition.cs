namespace Musubi.Harvest.Gather;

/// <summary>The kinds of source a harvest can gather from. Stable lower-case names: <c>ckan dcat page urls folder</c>.</summary>
public enum SourceKind
{
    /// <summary>A CKAN Action API site (<c>/api/3/action/</c> or <c>/api/action/</c>).</summary>
    Ckan,

    /// <summary>A DCAT catalog in JSON-LD, Turtle or RDF/XML, with Hydra paging.</summary>
    Dcat,

    /// <summary>An HTML page whose links point to data files (e.g. a オープンデータ一覧 page).</summary>
    Page,

    /// <summary>A text file of URLs, one per line.</summary>
    Urls,

    /// <summary>A local folder the operator drops files into.</summary>
    Folder,
}

/// <summary>What a harvest source is: its kind, where it is, and the few settings a kind uses.</summary>
/// <param name="Id">The catalog's identifier of the source (stable; used in messages).</param>
/// <param name="Kind">The source kind.</param>
/// <param name="Location">A URL (ckan, dcat, page, urls) or a local path (folder; also a local dcat or urls file).</param>
public sealed record SourceDefinition(string Id, SourceKind Kind, string Location)
{
    public string? Name { get; init; }

    /// <summary>The publisher's 全国地方公共団体コード when the operator gave one (it overrides nothing the source says).</summary>
    public string? PublisherCode { get; init; }

    /// <summary>page: how many links deep to follow pages on the same host (0 = the given page only). Default 1.</summary>
    public int PageDepth { get; init; } = 1;

    /// <summary>ckan: rows per package_search page. Default 100 (CKAN clamps to 1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>ckan: an extra filter query (Solr fq), e.g. <c>organization:sapporo</c> to take one publisher of a shared portal.</summary>
    public string? CkanFilter { get; init; }

    /// <summary>The kind's stable name.</summary>
    public static string KindName(SourceKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Parses a kind's name (<c>ckan</c>, <c>dcat</c>, <c>page</c>, <c>urls</c>, <c>folder</c>).</summary>
    public static bool TryParseKind(string text, out SourceKind kind)
    {
        foreach (var k in Enum.GetValues<SourceKind>())
        {
            if (string.Equals(KindName(k), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
