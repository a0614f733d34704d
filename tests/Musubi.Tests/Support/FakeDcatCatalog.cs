using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Musubi.Tests.Support;

/// <summary>A dataset for <see cref="FakeDcatCatalog"/>: IRI, Japanese title, one distribution URL.</summary>
public sealed record FakeDcatDataset(string Iri, string Title, string DownloadUrl, string Format = "CSV", string? Keyword = "避難所");

/// <summary>
/// A DCAT catalog served in pages on a <see cref="TestWebServer"/> at <c>{path}?page=N</c>, in Turtle, JSON-LD or RDF/XML,
/// with Hydra paging as ckanext-dcat writes it (a hydra:PagedCollection with hydra:nextPage, hydra:totalItems) or as a
/// hydra:PartialCollectionView with hydra:next. Datasets can be changed while it is served; <see cref="LoopBack"/> makes the
/// last page point back to the first.
/// </summary>
public sealed class FakeDcatCatalog
{
    public enum Syntax
    {
        Turtle,
        JsonLd,
        RdfXml,
    }

    public FakeDcatCatalog(TestWebServer server, string path, Syntax syntax, int pageSize = 2, bool partialCollectionView = false)
    {
        Server = server;
        Path = path;
        Format = syntax;
        PageSize = pageSize;
        PartialCollectionView = partialCollectionView;
        server.Map(path, HandleAsync);
    }

    public TestWebServer Server { get; }

    public string Path { get; }

    public Syntax Format { get; }

    public int PageSize { get; }

    public bool PartialCollectionView { get; }

    public List<FakeDcatDataset> Datasets { get; } = [];

    /// <summary>The last page's next link points back to page 1.</summary>
    public bool LoopBack { get; set; }

    /// <summary>Reported hydra:totalItems (default: the real count).</summary>
    public int? ClaimedTotal { get; set; }

    public Uri Url => Server.Url(Path);

    public int PageCount => Math.Max(1, (Datasets.Count + PageSize - 1) / PageSize);

    private Task HandleAsync(HttpContext ctx)
    {
        var page = int.TryParse(ctx.Request.Query["page"], out var p) && p >= 1 ? p : 1;
        var items = Datasets.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var pageUrl = $"{Url}?page={page}";
        string? next = page < PageCount ? $"{Url}?page={page + 1}" : LoopBack ? $"{Url}?page=1" : null;
        var total = ClaimedTotal ?? Datasets.Count;
        var (body, type) = Format switch
        {
            Syntax.Turtle => (Turtle(items, pageUrl, next, total), "text/turtle; charset=utf-8"),
            Syntax.JsonLd => (JsonLd(items, pageUrl, next, total), "application/ld+json"),
            _ => (RdfXml(items, pageUrl, next, total), "application/rdf+xml"),
        };
        ctx.Response.ContentType = type;
        return ctx.Response.WriteAsync(body, ctx.RequestAborted);
    }

    private string Turtle(List<FakeDcatDataset> items, string pageUrl, string? next, int total)
    {
        var sb = new StringBuilder();
        sb.AppendLine("@prefix dcat: <http://www.w3.org/ns/dcat#> .");
        sb.AppendLine("@prefix dct: <http://purl.org/dc/terms/> .");
        sb.AppendLine("@prefix hydra: <http://www.w3.org/ns/hydra/core#> .");
        sb.AppendLine("@prefix foaf: <http://xmlns.com/foaf/0.1/> .");
        sb.AppendLine();
        sb.AppendLine($"<{Url}> a dcat:Catalog ; dct:title \"テスト市オープンデータカタログ\"@ja ;");
        sb.AppendLine("    dct:publisher [ a foaf:Organization ; foaf:name \"テスト市\"@ja ; dct:identifier \"131016\" ] ;");
        sb.AppendLine("    dcat:dataset " + (items.Count == 0 ? "[]" : string.Join(", ", items.Select(i => $"<{i.Iri}>"))) + " .");
        foreach (var d in items)
        {
            sb.AppendLine($"<{d.Iri}> a dcat:Dataset ;");
            sb.AppendLine($"    dct:title \"{Esc(d.Title)}\"@ja ;");
            sb.AppendLine($"    dct:description \"\"\"{Esc(d.Title)}の一覧です。\n改行を含む説明。\"\"\"@ja ;");
            if (d.Keyword is not null) sb.AppendLine($"    dcat:keyword \"{Esc(d.Keyword)}\"@ja , \"防災\"@ja ;");
            sb.AppendLine("    dct:modified \"2025-04-01T09:00:00+09:00\"^^<http://www.w3.org/2001/XMLSchema#dateTime> ;");
            sb.AppendLine("    dcat:distribution [ a dcat:Distribution ;");
            sb.AppendLine($"        dcat:downloadURL <{d.DownloadUrl}> ; dct:format \"{d.Format}\" ; dcat:mediaType \"text/csv\" ; dcat:byteSize \"1234\"^^<http://www.w3.org/2001/XMLSchema#decimal> ] .");
        }
        var view = PartialCollectionView ? "hydra:PartialCollectionView" : "hydra:PagedCollection";
        sb.AppendLine($"<{pageUrl}> a {view} ; hydra:totalItems {total} ; hydra:itemsPerPage {PageSize}" + (next is null ? " ." : $" ;\n    hydra:{(PartialCollectionView ? "next" : "nextPage")} <{next}> ."));
        return sb.ToString();
    }

    private string JsonLd(List<FakeDcatDataset> items, string pageUrl, string? next, int total)
    {
        var sb = new StringBuilder();
        sb.Append("{\"@context\":{\"dcat\":\"http://www.w3.org/ns/dcat#\",\"dct\":\"http://purl.org/dc/terms/\",\"hydra\":\"http://www.w3.org/ns/hydra/core#\",");
        sb.Append("\"title\":{\"@id\":\"dct:title\",\"@language\":\"ja\"},\"distribution\":\"dcat:distribution\",\"downloadURL\":{\"@id\":\"dcat:downloadURL\",\"@type\":\"@id\"},\"keyword\":\"dcat:keyword\"},");
        sb.Append("\"@graph\":[");
        sb.Append($"{{\"@id\":\"{Url}\",\"@type\":\"dcat:Catalog\",\"dcat:dataset\":[{string.Join(",", items.Select(i => $"{{\"@id\":\"{i.Iri}\"}}"))}]}}");
        foreach (var d in items)
        {
            sb.Append($",{{\"@id\":\"{d.Iri}\",\"@type\":\"dcat:Dataset\",\"title\":\"{JsonEsc(d.Title)}\",");
            if (d.Keyword is not null) sb.Append($"\"keyword\":[\"{JsonEsc(d.Keyword)}\"],");
            sb.Append($"\"dct:modified\":{{\"@value\":\"2025-04-01\",\"@type\":\"http://www.w3.org/2001/XMLSchema#date\"}},");
            sb.Append($"\"distribution\":{{\"@type\":\"dcat:Distribution\",\"downloadURL\":\"{d.DownloadUrl}\",\"dct:format\":\"{d.Format}\"}}}}");
        }
        var nextKey = PartialCollectionView ? "hydra:next" : "hydra:nextPage";
        sb.Append($",{{\"@id\":\"{pageUrl}\",\"@type\":\"{(PartialCollectionView ? "hydra:PartialCollectionView" : "hydra:PagedCollection")}\",\"hydra:totalItems\":{total}");
        if (next is not null) sb.Append($",\"{nextKey}\":\"{next}\"");
        sb.Append("}]}");
        return sb.ToString();
    }

    private string RdfXml(List<FakeDcatDataset> items, string pageUrl, string? next, int total)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        sb.AppendLine("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:dcat=\"http://www.w3.org/ns/dcat#\" xmlns:dct=\"http://purl.org/dc/terms/\" xmlns:hydra=\"http://www.w3.org/ns/hydra/core#\">");
        sb.AppendLine($"  <dcat:Catalog rdf:about=\"{X(Url.ToString())}\">");
        foreach (var d in items)
        {
            sb.AppendLine("    <dcat:dataset>");
            sb.AppendLine($"      <dcat:Dataset rdf:about=\"{X(d.Iri)}\">");
            sb.AppendLine($"        <dct:title xml:lang=\"ja\">{X(d.Title)}</dct:title>");
            if (d.Keyword is not null) sb.AppendLine($"        <dcat:keyword xml:lang=\"ja\">{X(d.Keyword)}</dcat:keyword>");
            sb.AppendLine("        <dcat:distribution rdf:parseType=\"Resource\">");
            sb.AppendLine("          <rdf:type rdf:resource=\"http://www.w3.org/ns/dcat#Distribution\"/>");
            sb.AppendLine($"          <dcat:downloadURL rdf:resource=\"{X(d.DownloadUrl)}\"/>");
            sb.AppendLine($"          <dct:format>{X(d.Format)}</dct:format>");
            sb.AppendLine("        </dcat:distribution>");
            sb.AppendLine("      </dcat:Dataset>");
            sb.AppendLine("    </dcat:dataset>");
        }
        sb.AppendLine("  </dcat:Catalog>");
        var view = PartialCollectionView ? "PartialCollectionView" : "PagedCollection";
        sb.AppendLine($"  <hydra:{view} rdf:about=\"{X(pageUrl)}\">");
        sb.AppendLine($"    <hydra:totalItems rdf:datatype=\"http://www.w3.org/2001/XMLSchema#integer\">{total}</hydra:totalItems>");
        if (next is not null) sb.AppendLine($"    <hydra:{(PartialCollectionView ? "next" : "nextPage")}>{X(next)}</hydra:{(PartialCollectionView ? "next" : "nextPage")}>");
        sb.AppendLine($"  </hydra:{view}>");
        sb.AppendLine("</rdf:RDF>");
        return sb.ToString();
    }

    private static string Esc(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static string JsonEsc(string s) => System.Text.Json.JsonEncodedText.Encode(s, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    private static string X(string s) => WebUtility.HtmlEncode(s);
}
