using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Musubi.Catalog;
using Musubi.Search;
using Musubi.Web.Localization;
using Musubi.Web.Pages;

namespace Musubi.Web.Portal;

/// <summary>One result line: a dataset, or a record (linking to the dataset it came from).</summary>
public sealed record SearchHitView(string Title, string Href, string Publisher, string Standard, double? DistanceMeters);

/// <summary>The data pages: search, dataset, national table per standard dataset, publisher.</summary>
internal static class PortalPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/search", Search);
        pages.MapGet("/datasets/{id:long}", Dataset);
        pages.MapGet("/standards/{id}", Standard);
        pages.MapGet("/publishers/{code}", Publisher);
    }

    private static IResult Search(HttpContext http, PortalIndex index, PortalNames names)
    {
        var q = http.Request.Query["q"].ToString();
        var kind = http.Request.Query["kind"].ToString();
        var request = SearchQuery.Parse(http.Request.Query, SearchKind.Dataset, 20, out var error);
        SearchResults? results = null;
        if (error is null)
        {
            try
            {
                results = index.Index.Search(request);
            }
            catch (SearchRequestException e)
            {
                error = e.Message;
            }
        }
        var lang = http.Lang();
        var hits = results?.Hits.Select(h => View(h, names, lang)).ToList() ?? [];
        return HtmlPage.Render<Pages.Search>(new Dictionary<string, object?>
        {
            ["Q"] = q,
            ["Kind"] = kind,
            ["Results"] = results,
            ["Hits"] = hits,
            ["Error"] = error,
        }, statusCode: error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    internal static SearchHitView View(SearchHit h, PortalNames names, Lang lang)
    {
        var href = h.Kind == SearchKind.Dataset && PortalIndex.TryParseDatasetDocId(h.Id, out var id) ? $"/datasets/{id}"
            : PortalIndex.TryParseRecordDocId(h.Id, out _, out var datasetId, out var recordId) ? $"/datasets/{datasetId}#record-{recordId}"
            : "/search";
        return new SearchHitView(h.Title, href, names.Government(h.MunicipalityCode ?? h.PrefectureCode), names.Standard(h.StandardDatasetId, lang), h.DistanceMeters);
    }

    private static IResult Dataset(long id, HttpContext http, ICatalogStores stores, PortalNames names)
    {
        using var reader = stores.OpenForRead();
        var detail = reader?.GetDataset(id);
        if (detail is null) return HtmlPage.Render<ErrorPage>(new { StatusCode = 404 }, StatusCodes.Status404NotFound);
        var preview = new List<UnifiedRecord>();
        var schemaId = detail.Resources.Select(r => r.Published?.SchemaId).FirstOrDefault(s => s is not null);
        if (schemaId is not null && reader is not null)
        {
            long after = 0;
            // The records of this dataset, found among its publisher's (the store files records by publisher).
            for (var pages = 0; pages < 20 && preview.Count < 20; pages++)
            {
                var batch = reader.Records(new RecordQuery(schemaId) { PublisherCode = detail.Dataset.Info.PublisherCode ?? detail.Publisher?.Code, AfterId = after, Limit = 500 });
                if (batch.Count == 0) break;
                preview.AddRange(batch.Where(r => r.DatasetId == id).Take(20 - preview.Count));
                after = batch[^1].Id;
            }
        }
        return HtmlPage.Render<DatasetPage>(new Dictionary<string, object?>
        {
            ["Detail"] = detail,
            ["SchemaId"] = schemaId,
            ["Preview"] = preview,
        });
    }

    private static IResult Standard(string id, HttpContext http, ICatalogStores stores, PortalNames names)
    {
        var schema = names.Schema(id);
        if (schema is null) return HtmlPage.Render<ErrorPage>(new { StatusCode = 404 }, StatusCodes.Status404NotFound);
        using var reader = stores.OpenForRead();
        var counts = reader?.CountsByPublisher(id) ?? [];
        return HtmlPage.Render<StandardPage>(new Dictionary<string, object?>
        {
            ["Schema"] = schema,
            ["Counts"] = counts,
            ["Publisher"] = http.Request.Query["publisher"].ToString() is { Length: > 0 } p ? p : null,
        });
    }

    private static IResult Publisher(string code, HttpContext http, ICatalogStores stores, PortalNames names)
    {
        using var reader = stores.OpenForRead();
        var publisher = reader?.GetPublisher(code);
        if (publisher is null) return HtmlPage.Render<ErrorPage>(new { StatusCode = 404 }, StatusCodes.Status404NotFound);
        var datasets = reader!.ListDatasets(new DatasetQuery { PublisherCode = code, Limit = 500 });
        return HtmlPage.Render<PublisherPage>(new Dictionary<string, object?>
        {
            ["Publisher"] = publisher,
            ["Datasets"] = datasets,
        });
    }
}
