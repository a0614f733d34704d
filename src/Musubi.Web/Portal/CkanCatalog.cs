using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Musubi.Catalog;
using Musubi.Search;
using Musubi.Web.Ckan;

namespace Musubi.Web.Portal;

/// <summary>
/// CKAN's read actions over the catalog (ckan-api-contract.md §3–6): packages are datasets (id = dataset id as text,
/// name "d" + id), organizations are publishers (name = their code), groups are categories. package_search's text goes
/// through the portal's Japanese search; fq supports field:value, field:"…", -field:…, and metadata_modified:[X TO *].
/// Package dicts are built once per catalog state.
/// </summary>
internal sealed partial class CkanCatalog(ICatalogStores stores, PortalIndex index, PortalNames names)
{
    public const int RowsMax = 1000;

    private (string Generation, List<JsonObject> Packages, Dictionary<long, JsonObject> ById)? _cache;
    private readonly Lock _gate = new();

    public static void Register(CkanActions actions)
    {
        CkanCatalog Self(CkanCall c) => c.Service<CkanCatalog>();
        actions.Add("package_search", c => Task.FromResult<JsonNode?>(Self(c).PackageSearch(c)));
        actions.Add("package_show", c => Task.FromResult<JsonNode?>(Self(c).PackageShow(c)));
        actions.Add("package_list", c => Task.FromResult<JsonNode?>(Self(c).PackageList(c)));
        actions.Add("resource_show", c => Task.FromResult<JsonNode?>(Self(c).ResourceShow(c)));
        actions.Add("organization_list", c => Task.FromResult<JsonNode?>(Self(c).OrganizationList(c)));
        actions.Add("organization_show", c => Task.FromResult<JsonNode?>(Self(c).OrganizationShow(c)));
        actions.Add("group_list", c => Task.FromResult<JsonNode?>(Self(c).GroupList(c)));
        actions.Add("tag_list", c => Task.FromResult<JsonNode?>(Self(c).TagList(c)));
        actions.Add("datastore_search", c => Task.FromResult<JsonNode?>(Self(c).DatastoreSearch(c)));
    }

    private (string Generation, Dictionary<string, long> Counts)? _counts;

    /// <summary>
    /// Record counts of datastore_search, kept while the newest harvest job stays finished and the same (a count over a
    /// national table is a scan); not kept while a job runs. Not the search index's generation: that waits for a first build.
    /// </summary>
    private long CachedCount(ICatalogReader reader, RecordQuery query)
    {
        var job = reader.ListJobs(1).FirstOrDefault();
        if (job is { State: HarvestJobState.Queued or HarvestJobState.Running }) return reader.CountRecords(query);
        var generation = $"{job?.Id}|{job?.State}|{job?.FinishedAt?.ToUnixTimeMilliseconds()}";
        var key = string.Join('\u001F', [query.SchemaId, query.PublisherCode ?? "", query.VersionId?.ToString(CultureInfo.InvariantCulture) ?? "",
            .. (query.FieldEquals ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => new[] { f.Key, f.Value })]);
        lock (_gate)
        {
            if (_counts is { } c && c.Generation == generation && c.Counts.TryGetValue(key, out var n)) return n;
        }
        var count = reader.CountRecords(query);
        lock (_gate)
        {
            if (_counts is not { } c || c.Generation != generation || c.Counts.Count >= 4096) _counts = (generation, new Dictionary<string, long>(StringComparer.Ordinal));
            _counts.Value.Counts[key] = count;
        }
        return count;
    }

    private (List<JsonObject> Packages, Dictionary<long, JsonObject> ById) Packages(HttpRequest request)
    {
        var generation = index.Generation;
        lock (_gate)
        {
            if (_cache is { } c && c.Generation == generation) return (c.Packages, c.ById);
        }
        var list = new List<JsonObject>();
        var byId = new Dictionary<long, JsonObject>();
        using (var reader = stores.OpenForRead())
        {
            if (reader is not null)
            {
                long after = 0;
                while (true)
                {
                    var page = reader.ListDatasets(new DatasetQuery { AfterId = after, Limit = 500 });
                    if (page.Count == 0) break;
                    foreach (var s in page)
                    {
                        if (reader.GetDataset(s.Dataset.Id) is { } d)
                        {
                            var p = Package(d, request);
                            list.Add(p);
                            byId[d.Dataset.Id] = p;
                        }
                    }
                    after = page[^1].Dataset.Id;
                }
            }
        }
        lock (_gate) _cache = (generation, list, byId);
        return (list, byId);
    }

    private static string Ts(DateTimeOffset t) => CkanProtocol.Timestamp(t);

    private JsonObject Package(DatasetDetail d, HttpRequest request)
    {
        var info = d.Dataset.Info;
        var id = d.Dataset.Id.ToString(CultureInfo.InvariantCulture);
        var code = info.PublisherCode ?? d.Publisher?.Code;
        var org = code is null ? null : Organization(code, d.Publisher?.Name ?? info.PublisherName ?? names.Government(code), null);
        var modified = d.Resources.SelectMany(r => r.Versions).Select(v => v.FetchedAt).Append(d.Dataset.FirstSeenAt).Max();
        var site = $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
        var resources = new JsonArray();
        var position = 0;
        foreach (var r in d.Resources.Where(r => r.Resource.DeletedAt is null))
        {
            var v = r.Versions.FirstOrDefault(x => x.Id == r.Published?.VersionId) ?? r.Versions.OrderByDescending(x => x.FetchedAt).FirstOrDefault();
            resources.Add(new JsonObject
            {
                ["id"] = r.Resource.Id.ToString(CultureInfo.InvariantCulture),
                ["package_id"] = id,
                ["url"] = r.Resource.Info.Url ?? (r.Published is { } p ? $"{site}/api/v1/standards/{p.SchemaId}/records.csv?publisher={code}" : ""),
                ["format"] = r.Resource.Info.Format ?? "",
                ["description"] = r.LatestConversion is { SchemaId: { } sid } ? names.Standard(sid, Localization.Lang.Ja) : "",
                ["hash"] = v?.Sha256 ?? "",
                ["name"] = r.Resource.Info.Name ?? r.Resource.Info.Url ?? "",
                ["position"] = position++,
                ["resource_type"] = null,
                ["mimetype"] = v?.MediaType ?? r.Resource.Info.MediaType,
                ["mimetype_inner"] = null,
                ["size"] = v?.Size,
                ["created"] = Ts(d.Dataset.FirstSeenAt),
                ["last_modified"] = v is null ? null : Ts(v.FetchedAt),
                ["metadata_modified"] = Ts(v?.FetchedAt ?? d.Dataset.FirstSeenAt),
                ["cache_url"] = null,
                ["cache_last_updated"] = null,
                ["url_type"] = null,
                ["state"] = "active",
                ["datastore_active"] = r.Published is not null,
            });
        }
        return new JsonObject
        {
            ["author"] = null,
            ["author_email"] = null,
            ["creator_user_id"] = null,
            ["id"] = id,
            ["isopen"] = info.LicenseId is { } l && (l.StartsWith("CC-BY", StringComparison.OrdinalIgnoreCase) || l.StartsWith("cc-by", StringComparison.Ordinal) || l.Contains("PDL", StringComparison.OrdinalIgnoreCase)),
            ["license_id"] = info.LicenseId ?? "",
            ["license_title"] = info.License ?? info.LicenseId ?? "",
            ["license_url"] = info.LicenseUrl,
            ["maintainer"] = info.ContactName,
            ["maintainer_email"] = info.ContactEmail,
            ["metadata_created"] = Ts(d.Dataset.FirstSeenAt),
            ["metadata_modified"] = Ts(modified),
            ["name"] = "d" + id,
            ["notes"] = info.Description ?? "",
            ["num_resources"] = resources.Count,
            ["num_tags"] = info.Tags.Count,
            ["organization"] = org,
            ["owner_org"] = org?["id"]?.GetValue<string>(),
            ["private"] = false,
            ["state"] = d.Dataset.DeletedAt is null ? "active" : "deleted",
            ["title"] = info.Title,
            ["type"] = "dataset",
            ["url"] = info.LandingPage,
            ["version"] = null,
            ["extras"] = new JsonArray([.. Extras(d).Select(e => (JsonNode)new JsonObject { ["key"] = e.Key, ["value"] = e.Value })]),
            ["groups"] = new JsonArray([.. info.Categories.Select(c => (JsonNode)Group(c))]),
            ["resources"] = resources,
            ["tags"] = new JsonArray([.. info.Tags.Select(t => (JsonNode)new JsonObject { ["display_name"] = t, ["id"] = t, ["name"] = t, ["state"] = "active", ["vocabulary_id"] = null })]),
            ["relationships_as_subject"] = new JsonArray(),
            ["relationships_as_object"] = new JsonArray(),
        };
    }

    private static IEnumerable<KeyValuePair<string, string>> Extras(DatasetDetail d)
    {
        if (d.Dataset.Info.PublisherCode is { } c) yield return new("全国地方公共団体コード", c);
        if (d.Dataset.Info.Frequency is { } f) yield return new("更新頻度", f);
        foreach (var s in d.Resources.Select(r => r.Published?.SchemaId).Where(s => s is not null).Distinct()) yield return new("musubi_standard", s!);
    }

    private static JsonObject Organization(string code, string title, int? packageCount)
    {
        var o = new JsonObject
        {
            ["id"] = code,
            ["name"] = code,
            ["title"] = title,
            ["type"] = "organization",
            ["description"] = "",
            ["image_url"] = "",
            ["created"] = "2026-01-01T00:00:00.000000",
            ["is_organization"] = true,
            ["approval_status"] = "approved",
            ["state"] = "active",
        };
        if (packageCount is { } n) o["package_count"] = n;
        return o;
    }

    private static JsonObject Group(string category) => new()
    {
        ["description"] = "",
        ["display_name"] = category,
        ["id"] = category,
        ["image_display_url"] = "",
        ["name"] = category,
        ["title"] = category,
    };

    private static readonly HashSet<string> SearchParameters = new(StringComparer.Ordinal)
    {
        "q", "fq", "fq_list", "sort", "rows", "start", "facet", "facet.field", "facet.limit", "facet.mincount", "include_private",
        "include_drafts", "include_deleted", "use_default_schema", "fl", "qf", "wt", "bf", "boost", "tie", "defType", "mm", "df",
    };

    private JsonObject PackageSearch(CkanCall call)
    {
        var p = call.Parameters;
        var unknown = p.Select(x => x.Key).Where(k => !SearchParameters.Contains(k) && !k.StartsWith("ext_", StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0) throw new CkanException(new CkanError("Search Query Error", 400, $"Search Query is invalid: \"Invalid search parameters: ['{string.Join("', '", unknown)}']\""));
        var rows = Math.Min(p.Natural("rows", 10), RowsMax);
        var start = p.Natural("start", 0);
        var q = (p.String("q") ?? "").Trim();
        var (all, byId) = Packages(call.Http.Request);
        var includeDeleted = p.Bool("include_deleted", false);

        IEnumerable<JsonObject> hits;
        var byRelevance = false;
        if (q is "" or "*:*" or "\"\"" or "''")
        {
            hits = all;
        }
        else if (q.Contains(':'))
        {
            hits = all.Where(Filter(q));
        }
        else
        {
            // The portal's Japanese search finds the datasets; CKAN's own order (score) is kept.
            var found = new List<JsonObject>();
            string? cursor = null;
            do
            {
                var r = index.Index.Search(new SearchRequest { Text = q.Replace('+', ' '), Kind = SearchKind.Dataset, Size = SearchRequest.MaxSize, Cursor = cursor });
                foreach (var h in r.Hits)
                    if (PortalIndex.TryParseDatasetDocId(h.Id, out var id) && byId.TryGetValue(id, out var pkg)) found.Add(pkg);
                cursor = r.NextCursor;
            }
            while (cursor is not null);
            hits = found;
            byRelevance = true;
        }
        if (!includeDeleted) hits = hits.Where(x => x["state"]!.GetValue<string>() == "active");
        foreach (var fq in p.List("fq_list").Append(p.String("fq") ?? "")) if (fq.Trim().Length > 0) hits = hits.Where(Filter(fq));

        var sort = (p.String("sort") ?? "").Trim();
        var list = hits.ToList();
        var effectiveSort = sort is "" or "rank" ? "score desc, metadata_modified desc" : sort;
        list = Sort(list, effectiveSort, byRelevance);

        var facets = new JsonObject();
        var searchFacets = new JsonObject();
        var facetLimit = p.String("facet.limit") is { Length: > 0 } fl && int.TryParse(fl, CultureInfo.InvariantCulture, out var n) ? n : 50;
        foreach (var field in p.List("facet.field"))
        {
            var counts = list.SelectMany(x => FacetValues(x, field)).GroupBy(v => v.Name).Select(g => (Name: g.Key, Display: g.First().Display, Count: g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
            if (facetLimit >= 0) counts = counts.Take(facetLimit).ToList();
            facets[field] = new JsonObject([.. counts.Select(c => new KeyValuePair<string, JsonNode?>(c.Name, c.Count))]);
            searchFacets[field] = new JsonObject
            {
                ["title"] = field,
                ["items"] = new JsonArray([.. counts.OrderByDescending(c => c.Display, StringComparer.Ordinal).Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["display_name"] = c.Display, ["count"] = c.Count })]),
            };
        }
        var page = list.Skip(start).Take(rows).Select(x => x.DeepClone());
        var fields = p.List("fl");
        JsonArray results = fields.Count == 0 ? new JsonArray([.. page])
            : fields.Count == 1 && fields[0] is "id" or "name" ? new JsonArray([.. page.Select(x => x![fields[0]]!.DeepClone())])
            : new JsonArray([.. page.Select(x => (JsonNode)new JsonObject([.. fields.Select(f => new KeyValuePair<string, JsonNode?>(f, x![f]?.DeepClone()))]))]);
        return new JsonObject
        {
            ["count"] = list.Count,
            ["facets"] = facets,
            ["results"] = results,
            ["sort"] = effectiveSort,
            ["search_facets"] = searchFacets,
        };
    }

    private static List<JsonObject> Sort(List<JsonObject> list, string sort, bool byRelevance)
    {
        var first = sort.Split(',')[0].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var field = first.ElementAtOrDefault(0) ?? "score";
        var desc = first.ElementAtOrDefault(1) is "desc";
        Func<JsonObject, string> key = field switch
        {
            "id" => x => long.Parse(x["id"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToString("D19", CultureInfo.InvariantCulture),
            "name" => x => x["name"]!.GetValue<string>(),
            "title" or "title_string" => x => x["title"]!.GetValue<string>(),
            "metadata_modified" => x => x["metadata_modified"]!.GetValue<string>(),
            "metadata_created" => x => x["metadata_created"]!.GetValue<string>(),
            "score" => x => "",
            _ => throw new CkanException(CkanError.SearchQuery($"\"Invalid sort field: {field}\"")),
        };
        if (field == "score")
        {
            // Relevance order from the search engine; without text, newest first as CKAN does.
            return byRelevance ? list : [.. list.OrderByDescending(x => x["metadata_modified"]!.GetValue<string>(), StringComparer.Ordinal).ThenBy(x => x["id"]!.GetValue<string>().Length).ThenBy(x => x["id"]!.GetValue<string>(), StringComparer.Ordinal)];
        }
        return desc ? [.. list.OrderByDescending(key, StringComparer.Ordinal)] : [.. list.OrderBy(key, StringComparer.Ordinal)];
    }

    private static IEnumerable<(string Name, string Display)> FacetValues(JsonObject p, string field) => field switch
    {
        "organization" => p["organization"] is JsonObject o ? [(o["name"]!.GetValue<string>(), o["title"]!.GetValue<string>())] : [],
        "groups" => p["groups"]!.AsArray().Select(g => (g!["name"]!.GetValue<string>(), g["title"]!.GetValue<string>())),
        "tags" => p["tags"]!.AsArray().Select(t => (t!["name"]!.GetValue<string>(), t["name"]!.GetValue<string>())),
        "res_format" => p["resources"]!.AsArray().Select(r => r!["format"]!.GetValue<string>()).Where(f => f.Length > 0).Distinct().Select(f => (f, f)),
        "license_id" => p["license_id"]!.GetValue<string>() is { Length: > 0 } l ? [(l, p["license_title"]!.GetValue<string>())] : [],
        _ => [],
    };

    /// <summary>A Solr-ish filter: terms ANDed (OR between two terms of one field), '-' negates; values compared exactly (case-insensitive), dates as ranges.</summary>
    private static Func<JsonObject, bool> Filter(string fq)
    {
        var clauses = new List<Func<JsonObject, bool>>();
        var matches = Clause().Matches(fq).ToList();
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var neg = m.Groups["neg"].Value == "-";
            var field = m.Groups["field"].Value;
            var value = m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["value"].Value;
            Func<JsonObject, bool> test = Test(field, value);
            // "a:x OR a:y": join with the previous clause.
            if (i > 0 && fq[matches[i - 1].Index..m.Index].Contains(" OR ", StringComparison.Ordinal) && clauses.Count > 0)
            {
                var prev = clauses[^1];
                clauses[^1] = x => prev(x) || test(x);
                continue;
            }
            clauses.Add(neg ? x => !test(x) : test);
        }
        return x => clauses.All(c => c(x));
    }

    private static Func<JsonObject, bool> Test(string field, string value)
    {
        var range = Range().Match(value);
        if (range.Success)
        {
            var from = range.Groups[1].Value.Trim('"');
            var to = range.Groups[2].Value.Trim('"');
            static string Norm(string t) => t == "*" ? t : t.TrimEnd('Z').Replace("NOW", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var f = Norm(from);
            var t = Norm(to);
            return x => x[field]?.GetValue<string>() is { } v && (f == "*" || string.CompareOrdinal(v, f) >= 0) && (t == "*" || string.CompareOrdinal(v, t) <= 0);
        }
        return field switch
        {
            "organization" or "owner_org" => x => x["organization"] is JsonObject o && (Eq(o["name"], value) || Eq(o["id"], value)),
            "tags" => x => x["tags"]!.AsArray().Any(t => Eq(t!["name"], value)),
            "groups" => x => x["groups"]!.AsArray().Any(g => Eq(g!["name"], value)),
            "res_format" => x => x["resources"]!.AsArray().Any(r => Eq(r!["format"], value)),
            "text" => x => x.ToJsonString(CkanProtocol.Json).Contains(value, StringComparison.OrdinalIgnoreCase),
            _ => x => Eq(x[field], value),
        };
    }

    private static bool Eq(JsonNode? node, string value) =>
        node is JsonValue v && (v.TryGetValue<string>(out var s) ? string.Equals(s, value, StringComparison.OrdinalIgnoreCase) : v.ToJsonString() == value.ToLowerInvariant());

    [GeneratedRegex(@"(?<neg>[-+]?)(?<field>[A-Za-z_][\w.]*):(?:""(?<quoted>[^""]*)""|(?<value>\[[^\]]*\]|\S+))")]
    private static partial Regex Clause();

    [GeneratedRegex(@"^\[(\S+) TO (\S+)\]$")]
    private static partial Regex Range();

    private JsonObject PackageShow(CkanCall call)
    {
        var id = call.Parameters.String("id") ?? call.Parameters.String("name_or_id") ?? throw new CkanException(CkanError.Validation("id"));
        var (_, byId) = Packages(call.Http.Request);
        var key = id.StartsWith('d') ? id[1..] : id;
        return long.TryParse(key, CultureInfo.InvariantCulture, out var n) && byId.TryGetValue(n, out var p) ? (JsonObject)p.DeepClone() : throw new CkanException(CkanError.NotFound());
    }

    private JsonArray PackageList(CkanCall call)
    {
        var (all, _) = Packages(call.Http.Request);
        var names = all.Where(p => p["state"]!.GetValue<string>() == "active").Select(p => p["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        var offset = call.Parameters.Natural("offset", 0);
        var limit = call.Parameters.Natural("limit", int.MaxValue);
        return new JsonArray([.. names.Skip(offset).Take(limit).Select(n => (JsonNode)n)]);
    }

    private JsonObject ResourceShow(CkanCall call)
    {
        var id = call.Parameters.Required("id");
        var (all, _) = Packages(call.Http.Request);
        foreach (var p in all)
            foreach (var r in p["resources"]!.AsArray())
                if (r!["id"]!.GetValue<string>() == id) return (JsonObject)r.DeepClone();
        throw new CkanException(CkanError.NotFound());
    }

    private List<JsonObject> Organizations(HttpRequest request)
    {
        var (all, _) = Packages(request);
        return [.. all.Where(p => p["state"]!.GetValue<string>() == "active" && p["organization"] is JsonObject)
            .GroupBy(p => p["organization"]!["name"]!.GetValue<string>())
            .Select(g => Organization(g.Key, g.First()["organization"]!["title"]!.GetValue<string>(), g.Count()))];
    }

    private JsonArray OrganizationList(CkanCall call)
    {
        var p = call.Parameters;
        var allFields = p.Bool("all_fields", false);
        var orgs = Organizations(call.Http.Request);
        var sort = (p.String("sort") ?? "title").Trim();
        orgs = sort.StartsWith("package_count", StringComparison.Ordinal) ? [.. orgs.OrderByDescending(o => o["package_count"]!.GetValue<int>())]
            : sort.StartsWith("name", StringComparison.Ordinal) ? [.. orgs.OrderBy(o => o["name"]!.GetValue<string>(), StringComparer.Ordinal)]
            : [.. orgs.OrderBy(o => o["title"]!.GetValue<string>(), StringComparer.Ordinal)];
        var max = allFields ? 25 : 1000;
        var limit = Math.Min(p.Natural("limit", max), max);
        var page = orgs.Skip(p.Natural("offset", 0)).Take(limit);
        return allFields ? new JsonArray([.. page]) : new JsonArray([.. page.Select(o => (JsonNode)o["name"]!.GetValue<string>())]);
    }

    private JsonObject OrganizationShow(CkanCall call)
    {
        var id = call.Parameters.Required("id");
        var org = Organizations(call.Http.Request).FirstOrDefault(o => o["name"]!.GetValue<string>() == id) ?? throw new CkanException(CkanError.NotFound());
        if (call.Parameters.Bool("include_datasets", false))
        {
            var (all, _) = Packages(call.Http.Request);
            org["packages"] = new JsonArray([.. all.Where(p => p["organization"]?["name"]?.GetValue<string>() == id).Select(p => p.DeepClone())]);
        }
        return org;
    }

    private JsonArray GroupList(CkanCall call)
    {
        var (all, _) = Packages(call.Http.Request);
        var groups = all.SelectMany(p => p["groups"]!.AsArray()).GroupBy(g => g!["name"]!.GetValue<string>()).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        return call.Parameters.Bool("all_fields", false)
            ? new JsonArray([.. groups.Select(g => { var o = (JsonObject)g.First()!.DeepClone(); o["package_count"] = g.Count(); return (JsonNode)o; })])
            : new JsonArray([.. groups.Select(g => (JsonNode)g.Key)]);
    }

    private JsonArray TagList(CkanCall call)
    {
        var (all, _) = Packages(call.Http.Request);
        var q = call.Parameters.String("query") ?? call.Parameters.String("q");
        var tags = all.SelectMany(p => p["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>())).Distinct().Order(StringComparer.Ordinal)
            .Where(t => q is null || t.Contains(q, StringComparison.OrdinalIgnoreCase));
        return new JsonArray([.. tags.Select(t => (JsonNode)t)]);
    }

    /// <summary>
    /// datastore_search over unified records: resource_id is a standard dataset id (the national table, e.g. "aed") or
    /// a resource's id (its published records). filters (field → value), q (text in any field), limit (≤ 32000), offset,
    /// fields, sort by _id; the answer has CKAN's keys, the legacy _links and next_page.
    /// </summary>
    private JsonObject DatastoreSearch(CkanCall call)
    {
        var p = call.Parameters;
        var resourceId = p.Required("resource_id");
        var limit = Math.Min(p.Natural("limit", 100), 32000);
        var offset = p.Natural("offset", 0);
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (p["filters"] is JsonObject fo) foreach (var (k, v) in fo) filters[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        else if (p.String("filters") is { Length: > 0 } ft && JsonNode.Parse(ft) is JsonObject fp) foreach (var (k, v) in fp) filters[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        var q = p.String("q");
        string schemaId;
        string? publisher = null;
        long? onlyResource = null;
        long? onlyVersion = null;
        using var reader = stores.OpenForRead();
        if (names.Schema(resourceId) is not null) schemaId = resourceId;
        else if (long.TryParse(resourceId, CultureInfo.InvariantCulture, out var rid) && reader?.Provenance(rid) is { } prov
                 && reader.GetDataset(prov.DatasetId) is { } owner && owner.Resources.FirstOrDefault(r => r.Resource.Id == rid)?.Published is { } pub)
        {
            schemaId = pub.SchemaId;
            onlyResource = rid;
            onlyVersion = pub.VersionId;
            publisher = owner.Dataset.Info.PublisherCode ?? owner.Publisher?.Code;
        }
        else throw new CkanException(new CkanError("Not Found Error", 404, $"Not found: Resource \"{resourceId}\" was not found."));

        var schema = names.Schema(schemaId)!;
        var fieldNames = schema.Fields.Select(f => f.Name).ToList();
        var wanted = p.List("fields") is { Count: > 0 } fl ? fl.SelectMany(f => f.Split(',')).Select(f => f.Trim()).ToList() : ["_id", .. fieldNames];
        var records = new JsonArray();
        long total = 0;
        JsonObject Row(UnifiedRecord r, Dictionary<string, string> values)
        {
            var row = new JsonObject();
            foreach (var f in wanted) row[f] = f == "_id" ? r.Id : values.TryGetValue(f, out var v) ? v : null;
            return row;
        }
        if (reader is not null && q is not { Length: > 0 })
        {
            // The store pages and counts (filters on values_json in SQL, offset, one version's rows): nothing is scanned
            // here, and the total is counted once per catalog state. A filter on a name that is no field matches nothing.
            if (filters.Keys.All(fieldNames.Contains))
            {
                var query = new RecordQuery(schemaId) { PublisherCode = publisher, VersionId = onlyVersion, FieldEquals = filters, Offset = offset, Limit = limit };
                if (limit > 0)
                    foreach (var r in reader.Records(query)) records.Add(Row(r, PortalApi.Values(r.ValuesJson)));
                total = CachedCount(reader, query);
            }
        }
        else if (reader is not null && q is { Length: > 0 } text)
        {
            // Text in any field: every record of the table is read (no index holds the values as they are).
            foreach (var r in reader.StreamRecords(schemaId, publisher))
            {
                if (onlyResource is { } only && r.ResourceId != only) continue;
                var values = PortalApi.Values(r.ValuesJson);
                if (filters.Any(f => !values.TryGetValue(f.Key, out var v) || v != f.Value)) continue;
                if (!values.Values.Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase))) continue;
                if (total >= offset && records.Count < limit) records.Add(Row(r, values));
                total++;
            }
        }
        var baseUrl = $"{call.Http.Request.PathBase.Value}/api/3/action/datastore_search?resource_id={Uri.EscapeDataString(resourceId)}";
        var links = new JsonObject { ["start"] = baseUrl, ["next"] = $"{baseUrl}&offset={offset + limit}" };
        if (offset > 0) links["prev"] = $"{baseUrl}&offset={Math.Max(0, offset - limit)}";
        var lastId = records.Count > 0 ? records[^1]?["_id"]?.GetValue<long>() : null;
        return new JsonObject
        {
            ["include_total"] = true,
            ["limit"] = limit,
            ["offset"] = offset,
            ["records_format"] = "objects",
            ["resource_id"] = resourceId,
            ["total_estimation_threshold"] = null,
            ["records"] = records,
            ["fields"] = new JsonArray([.. wanted.Select(f => (JsonNode)new JsonObject { ["id"] = f, ["type"] = f == "_id" ? "int" : "text" })]),
            ["filters"] = new JsonObject([.. filters.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value))]),
            ["_links"] = links,
            ["total"] = total,
            ["total_was_estimated"] = false,
            ["next_page"] = lastId is { } l ? new JsonObject { ["_id"] = new JsonObject { ["gt"] = l } } : null,
        };
    }
}
