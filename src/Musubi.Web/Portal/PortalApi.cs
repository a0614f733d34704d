using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Musubi.Catalog;
using Musubi.Search;
using Musubi.Web.Api;
using Musubi.Web.Hosting;
using Musubi.Write;

namespace Musubi.Web.Portal;

/// <summary>
/// /api/v1 over the catalog and the search index: search, datasets (versions, conversion reports), resources, standard
/// datasets with their national records (filters, bbox, near, cursors) and national downloads (CSV, CSV with BOM, JSON,
/// GeoJSON, Parquet; streamed; ETag and Last-Modified).
/// </summary>
internal static class PortalApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiEndpoints.Prefix).WithTags("Data");

        api.MapGet("/search", (HttpContext http, PortalIndex index) =>
            {
                var request = SearchQuery.Parse(http.Request.Query, null, 20, out var error);
                if (error is not null) return Bad(error, "q");
                var json = Json(http);
                var body = index.CachedResponse("search" + http.Request.QueryString.Value, ix =>
                {
                    try
                    {
                        var r = ix.Search(request);
                        return JsonSerializer.SerializeToUtf8Bytes(new SearchResponse(r.Total, [.. r.Hits.Select(Hit)],
                            r.Facets.ToDictionary(f => f.Key.ToString().ToLowerInvariant(), f => (IReadOnlyList<FacetValue>)[.. f.Value]), r.NextCursor, r.Sort.ToString().ToLowerInvariant()), json);
                    }
                    catch (SearchRequestException e)
                    {
                        error = e.Message;
                        return null;
                    }
                });
                return body is null ? Bad(error ?? "cursor: not valid", "cursor") : Results.Bytes(body, JsonContentType);
            })
            .WithName("Search")
            .WithSummary("Search datasets and records (Japanese analysis, facets, near/bbox, cursor paging)")
            .WithDescription("q; kind=dataset|record|all; facet filters pref, muni, std, cat, fmt, lic (repeatable); f.FIELD=value; near=lat,lon&radius=m; bbox=minLon,minLat,maxLon,maxLat; sort; size; cursor.")
            .Produces<SearchResponse>().ProducesProblem(400);

        api.MapGet("/datasets", (long? after, int? limit, string? publisher, string? standard, ICatalogStores stores) =>
            {
                var n = Math.Clamp(limit ?? 100, 1, 1000);
                using var reader = stores.OpenForRead();
                var list = reader?.ListDatasets(new DatasetQuery { AfterId = after ?? 0, Limit = n, PublisherCode = publisher, SchemaId = standard }) ?? [];
                return TypedResults.Ok(new DatasetList([.. list.Select(DatasetLine)], list.Count == n ? list[^1].Dataset.Id : null));
            })
            .WithName("ListDatasets").WithSummary("Datasets in id order (keyset paging with after=next)")
            .Produces<DatasetList>();

        api.MapGet("/datasets/{id:long}", (long id, ICatalogStores stores) =>
            {
                using var reader = stores.OpenForRead();
                return reader?.GetDataset(id) is { } d ? Results.Json(DatasetJson(d), JsonOptions) : NotFound($"no dataset {id}");
            })
            .WithName("GetDataset").WithSummary("A dataset with its resources, versions, conversion reports and publication history")
            .Produces<JsonObject>().ProducesProblem(404);

        api.MapGet("/resources/{id:long}", (long id, ICatalogStores stores) =>
            {
                using var reader = stores.OpenForRead();
                var prov = reader?.Provenance(id);
                var detail = prov is null ? null : reader!.GetDataset(prov.DatasetId);
                var resource = detail?.Resources.FirstOrDefault(r => r.Resource.Id == id);
                return resource is null ? NotFound($"no resource {id}") : Results.Json(ResourceJson(resource), JsonOptions);
            })
            .WithName("GetResource").WithSummary("A resource (file) with its versions and conversion report")
            .Produces<JsonObject>().ProducesProblem(404);

        api.MapGet("/standards", (ICatalogStores stores, PortalNames names) =>
            {
                using var reader = stores.OpenForRead();
                var counts = reader?.CountsBySchema() ?? new Dictionary<string, long>();
                return TypedResults.Ok(names.Schemas.Select(s => new StandardLine(s.Id, s.Title, s.TitleEn, s.Version, counts.GetValueOrDefault(s.Id))).ToList());
            })
            .WithName("ListStandards").WithSummary("The standard datasets with their national record counts")
            .Produces<List<StandardLine>>();

        api.MapGet("/standards/{id}/records", Records)
            .WithName("ListRecords")
            .WithSummary("Records of one standard dataset across all municipalities")
            .WithDescription("publisher=CODE; f.FIELD=value (exact); bbox=minLon,minLat,maxLon,maxLat; after=ID (cursor) & limit (≤1000). With near=lat,lon&radius=m: nearest first from the search index (cursor=…).")
            .Produces<RecordList>().ProducesProblem(400).ProducesProblem(404);

        api.MapGet("/standards/{id}/records.{format}", Download)
            .WithName("DownloadRecords")
            .WithSummary("National download of one standard dataset: csv (bom=1 for Excel), json, geojson, parquet; streamed")
            .Produces(200, contentType: "text/csv").ProducesProblem(404);
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The JSON options the minimal API's own results use, so a cached answer has the same bytes as an uncached one.</summary>
    private static JsonSerializerOptions Json(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static IResult Bad(string message, string field) => TypedResults.Problem(detail: message, statusCode: 400,
        extensions: new Dictionary<string, object?> { ["kind"] = "invalid_input", ["field"] = field });

    private static IResult NotFound(string message) => TypedResults.Problem(detail: message, statusCode: 404,
        extensions: new Dictionary<string, object?> { ["kind"] = "not_found" });

    private static SearchHitDto Hit(SearchHit h)
    {
        long? dataset = h.Kind == SearchKind.Dataset && PortalIndex.TryParseDatasetDocId(h.Id, out var d) ? d
            : PortalIndex.TryParseRecordDocId(h.Id, out _, out var rd, out _) ? rd : null;
        long? record = PortalIndex.TryParseRecordDocId(h.Id, out _, out _, out var rid) ? rid : null;
        return new SearchHitDto(h.Id, h.Kind.ToString().ToLowerInvariant(), h.Title, h.Score, h.DistanceMeters, h.Location?.Latitude, h.Location?.Longitude,
            h.PrefectureCode, h.MunicipalityCode, h.StandardDatasetId, dataset, record, h.Modified);
    }

    private static DatasetLineDto DatasetLine(DatasetSummary s) =>
        new(s.Dataset.Id, s.Dataset.Info.Title, s.Dataset.Info.PublisherCode, s.PublisherName, s.Schemas, s.Resources, s.Records, s.Dataset.LastSeenAt, s.Dataset.DeletedAt is not null);

    internal static JsonObject DatasetJson(DatasetDetail d)
    {
        var info = d.Dataset.Info;
        return new JsonObject
        {
            ["id"] = d.Dataset.Id,
            ["sourceId"] = info.SourceId,
            ["remoteKey"] = info.RemoteKey,
            ["title"] = info.Title,
            ["description"] = info.Description,
            ["publisherCode"] = info.PublisherCode ?? d.Publisher?.Code,
            ["publisher"] = d.Publisher?.Name ?? info.PublisherName,
            ["licence"] = info.License,
            ["licenceId"] = info.LicenseId,
            ["tags"] = new JsonArray([.. info.Tags.Select(t => (JsonNode)t)]),
            ["categories"] = new JsonArray([.. info.Categories.Select(t => (JsonNode)t)]),
            ["landingPage"] = info.LandingPage,
            ["firstSeen"] = d.Dataset.FirstSeenAt,
            ["lastSeen"] = d.Dataset.LastSeenAt,
            ["deleted"] = d.Dataset.DeletedAt,
            ["resources"] = new JsonArray([.. d.Resources.Select(r => (JsonNode)ResourceJson(r))]),
        };
    }

    internal static JsonObject ResourceJson(ResourceDetail r)
    {
        var c = r.LatestConversion;
        return new JsonObject
        {
            ["id"] = r.Resource.Id,
            ["datasetId"] = r.Resource.DatasetId,
            ["name"] = r.Resource.Info.Name,
            ["url"] = r.Resource.Info.Url,
            ["format"] = r.Resource.Info.Format,
            ["deleted"] = r.Resource.DeletedAt,
            ["published"] = r.Published is { } p ? new JsonObject { ["versionId"] = p.VersionId, ["schema"] = p.SchemaId, ["rows"] = p.Rows, ["at"] = p.PublishedAt } : null,
            ["conversion"] = c is null ? null : new JsonObject
            {
                ["versionId"] = c.VersionId,
                ["schema"] = c.SchemaId,
                ["confidence"] = c.Confidence,
                ["succeeded"] = c.Succeeded,
                ["error"] = c.Error,
                ["rowsRead"] = c.RowsRead,
                ["rowsWritten"] = c.RowsWritten,
                ["errors"] = c.Errors,
                ["warnings"] = c.Warnings,
                ["report"] = c.ReportJson is { } json ? JsonNode.Parse(json) : null,
            },
            ["versions"] = new JsonArray([.. r.Versions.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v.Id,
                ["sha256"] = v.Sha256,
                ["fetchedAt"] = v.FetchedAt,
                ["size"] = v.Size,
                ["mediaType"] = v.MediaType,
                ["etag"] = v.ETag,
                ["lastModified"] = v.LastModified,
            })]),
            ["history"] = new JsonArray([.. r.History.Select(h => (JsonNode)new JsonObject
            {
                ["at"] = h.At,
                ["oldVersionId"] = h.OldVersionId,
                ["newVersionId"] = h.NewVersionId,
                ["reason"] = h.Reason,
            })]),
        };
    }

    private static IResult Records(string id, HttpContext http, ICatalogStores stores, PortalNames names, PortalIndex index)
    {
        if (names.Schema(id) is null) return NotFound($"no standard dataset '{id}'");
        var q = http.Request.Query;
        var fields = q.Where(p => p.Key.StartsWith("f.", StringComparison.Ordinal) && p.Key.Length > 2).ToDictionary(p => p.Key[2..], p => p.Value.ToString(), StringComparer.Ordinal);
        var limit = 100;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000)) return Bad("limit: expected 1 to 1000", "limit");

        if (q["near"].ToString().Length > 0)
        {
            // Nearest first: the search index holds the points; the answer carries what it knows of each record.
            var request = SearchQuery.Parse(q, SearchKind.Record, limit, out var error);
            if (error is not null) return Bad(error, "near");
            var filters = new Dictionary<SearchFacet, IReadOnlyList<string>>(request.Filters) { [SearchFacet.Standard] = [id] };
            if (q["publisher"].ToString() is { Length: > 0 } pub) filters[SearchFacet.Municipality] = [pub];
            var json = Json(http);
            var body = index.CachedResponse("records/" + id + http.Request.QueryString.Value, ix =>
            {
                try
                {
                    var r = ix.Search(request with { Filters = filters, FieldFilters = fields, Size = limit, Facets = [] });
                    return JsonSerializer.SerializeToUtf8Bytes(new RecordList(r.Total, [.. r.Hits.Select(h =>
                    {
                        PortalIndex.TryParseRecordDocId(h.Id, out _, out var ds, out var rid);
                        return new RecordDto(rid, ds, h.MunicipalityCode, h.Location?.Latitude, h.Location?.Longitude, h.DistanceMeters, new Dictionary<string, string> { ["名称"] = h.Title });
                    })], null, r.NextCursor), json);
                }
                catch (SearchRequestException e)
                {
                    error = e.Message;
                    return null;
                }
            });
            return body is null ? Bad(error ?? "cursor: not valid", "cursor") : Results.Bytes(body, JsonContentType);
        }

        BoundingBox? box = null;
        if (q["bbox"].ToString() is { Length: > 0 } b)
        {
            if (GeoBox.Parse(b, out var error) is not { } g) return Bad(error!, "bbox");
            box = new BoundingBox(g.MinLongitude, g.MinLatitude, g.MaxLongitude, g.MaxLatitude);
        }
        long after = 0;
        if (q["after"].ToString() is { Length: > 0 } a && !long.TryParse(a, CultureInfo.InvariantCulture, out after)) return Bad("after: expected a record id", "after");
        using var reader = stores.OpenForRead();
        var list = new List<RecordDto>();
        long? next = null;
        if (reader is not null)
        {
            // Field filters are applied to the store's pages, which are read until the page is full (keyset: stable while data changes).
            for (var rounds = 0; rounds < 100 && list.Count < limit; rounds++)
            {
                var page = reader.Records(new RecordQuery(id) { PublisherCode = q["publisher"].ToString() is { Length: > 0 } p ? p : null, BoundingBox = box, AfterId = after, Limit = 1000 });
                if (page.Count == 0) break;
                foreach (var r in page)
                {
                    after = r.Id;
                    var values = Values(r.ValuesJson);
                    if (fields.Any(f => !values.TryGetValue(f.Key, out var v) || !string.Equals(v, f.Value, StringComparison.Ordinal))) continue;
                    list.Add(new RecordDto(r.Id, r.DatasetId, r.PublisherCode, r.Lat, r.Lng, null, values));
                    if (list.Count == limit)
                    {
                        next = r.Id;
                        break;
                    }
                }
                if (page.Count < 1000) break;
            }
        }
        return TypedResults.Ok(new RecordList(null, list, next, null));
    }

    internal static Dictionary<string, string> Values(string json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject()) values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return values;
    }

    private static async Task Download(string id, string format, HttpContext http, ICatalogStores stores, ExportOperation export, PortalNames names)
    {
        if (names.Schema(id) is null)
        {
            await NotFound($"no standard dataset '{id}'").ExecuteAsync(http);
            return;
        }
        var kind = format.ToLowerInvariant() switch
        {
            "csv" => "csv",
            "json" => "json",
            "geojson" => "geojson",
            "parquet" => "parquet",
            _ => null,
        };
        if (kind is null)
        {
            await NotFound($"no format '{format}' (csv, json, geojson, parquet)").ExecuteAsync(http);
            return;
        }
        var publisher = http.Request.Query["publisher"].ToString() is { Length: > 0 } p ? p : null;
        var bom = http.Request.Query["bom"].ToString() is "1" or "true";

        // Validators from the catalog's state: the newest job and the record count of the table.
        DateTimeOffset? modified;
        string etag;
        using (var reader = stores.OpenForRead())
        {
            var job = reader?.ListJobs(1).FirstOrDefault();
            var count = reader?.CountsBySchema().GetValueOrDefault(id) ?? 0;
            modified = job?.FinishedAt ?? job?.StartedAt;
            var key = $"{id}|{kind}|{bom}|{publisher}|{count}|{job?.Id}|{job?.State}|{modified?.ToUnixTimeMilliseconds()}";
            etag = "\"" + System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12)) + "\"";
        }
        var response = http.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = new EntityTagHeaderValue(etag);
        if (modified is { } m) headers.LastModified = m;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, NoCache = true };
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        var ifModifiedSince = http.Request.GetTypedHeaders().IfModifiedSince;
        if ((ifNoneMatch.Count > 0 && ifNoneMatch.Any(t => t.Tag == etag || t.Equals(EntityTagHeaderValue.Any)))
            || (ifNoneMatch.Count == 0 && ifModifiedSince is { } since && modified is { } mod && mod <= since.AddSeconds(1)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var name = id + (publisher is null ? "" : "-" + publisher);
        response.ContentType = kind switch
        {
            "csv" => "text/csv; charset=utf-8",
            "json" => "application/json; charset=utf-8",
            "geojson" => "application/geo+json; charset=utf-8",
            _ => "application/vnd.apache.parquet",
        };
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{(kind == "geojson" ? "geojson" : kind)}\"";
        if (HttpMethods.IsHead(http.Request.Method)) return;

        // The writers are synchronous; the body is written as it is produced (memory flat), on this request's thread.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await response.StartAsync(http.RequestAborted);
        if (kind == "parquet")
        {
            await ParquetDownload.WriteAsync(stores, names.Schema(id)!, publisher, response.Body, http.RequestAborted);
            return;
        }
        var result = await export.RunAsync(new ExportRequest(id, response.Body)
        {
            Format = kind switch { "json" => OutputFormat.Json, "geojson" => OutputFormat.GeoJson, _ => OutputFormat.Csv },
            PublisherCode = publisher,
            Bom = bom,
        }, http.Caller(), http.RequestAborted);
        if (!result.IsOk) http.Abort();
    }
}

public sealed record SearchHitDto(string Id, string Kind, string Title, float Score, double? DistanceMeters, double? Lat, double? Lon,
    string? PrefectureCode, string? MunicipalityCode, string? Standard, long? DatasetId, long? RecordId, DateTimeOffset Modified);

public sealed record SearchResponse(int Total, IReadOnlyList<SearchHitDto> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string? NextCursor, string Sort);

public sealed record DatasetLineDto(long Id, string Title, string? PublisherCode, string? Publisher, IReadOnlyList<string> Standards, int Resources, long Records, DateTimeOffset LastSeen, bool Deleted);

public sealed record DatasetList(IReadOnlyList<DatasetLineDto> Datasets, long? Next);

public sealed record StandardLine(string Id, string Title, string TitleEn, string Version, long Records);

public sealed record RecordDto(long Id, long DatasetId, string? PublisherCode, double? Lat, double? Lon, double? DistanceMeters, IReadOnlyDictionary<string, string> Values);

/// <param name="Total">With near: all matches; otherwise not counted (null).</param>
/// <param name="Next">Keyset cursor: pass as after= for the next page.</param>
/// <param name="NextCursor">With near: pass as cursor= for the next page.</param>
public sealed record RecordList(int? Total, IReadOnlyList<RecordDto> Records, long? Next, string? NextCursor);
