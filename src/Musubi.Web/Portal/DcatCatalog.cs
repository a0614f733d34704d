using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Musubi.Catalog;

namespace Musubi.Web.Portal;

/// <summary>
/// The catalogue as DCAT-AP 3: <c>/catalog.ttl</c> (Turtle) and <c>/catalog.jsonld</c> (JSON-LD), <see cref="PageSize"/>
/// datasets per page with Hydra paging links (<c>?page=N</c>). Each dataset has its title, description, publisher
/// (foaf:Agent), keywords, licence, landing page and one distribution per standard dataset it was converted to (the
/// national table's CSV for this publisher) plus the original files. Written by hand: no RDF library is served here;
/// every literal is escaped, every IRI percent-encoded.
/// </summary>
internal static class DcatCatalog
{
    public const int PageSize = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/catalog.ttl", (HttpContext http, ICatalogStores stores, PortalNames names, int? page) => Write(http, stores, names, page ?? 1, turtle: true)).ExcludeFromDescription();
        app.MapGet("/catalog.jsonld", (HttpContext http, ICatalogStores stores, PortalNames names, int? page) => Write(http, stores, names, page ?? 1, turtle: false)).ExcludeFromDescription();
    }

    private sealed record Node(string Subject, List<(string Predicate, object Value)> Props);

    /// <summary>An IRI object (vs a literal).</summary>
    private sealed record Iri(string Value);

    /// <summary>A typed literal.</summary>
    private sealed record Typed(string Value, string Datatype);

    /// <summary>A language-tagged literal.</summary>
    private sealed record Lang(string Value, string Tag);

    private const string Dcat = "http://www.w3.org/ns/dcat#";
    private const string Dct = "http://purl.org/dc/terms/";
    private const string Foaf = "http://xmlns.com/foaf/0.1/";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private const string Hydra = "http://www.w3.org/ns/hydra/core#";

    private static IResult Write(HttpContext http, ICatalogStores stores, PortalNames names, int page, bool turtle)
    {
        if (page < 1) page = 1;
        var site = $"{http.Request.Scheme}://{http.Request.Host.Value}{http.Request.PathBase.Value}";
        var nodes = new List<Node>();
        var datasets = new List<DatasetDetail>();
        var total = 0;
        using (var reader = stores.OpenForRead())
        {
            if (reader is not null)
            {
                long after = 0;
                var all = new List<DatasetSummary>();
                while (true)
                {
                    var batch = reader.ListDatasets(new DatasetQuery { AfterId = after, Limit = 1000 });
                    if (batch.Count == 0) break;
                    all.AddRange(batch);
                    after = batch[^1].Dataset.Id;
                }
                total = all.Count;
                foreach (var s in all.Skip((page - 1) * PageSize).Take(PageSize))
                    if (reader.GetDataset(s.Dataset.Id) is { } d) datasets.Add(d);
            }
        }
        var ext = turtle ? "ttl" : "jsonld";
        var catalogIri = $"{site}/catalog";
        var publisherIri = $"{site}/#publisher";
        var catalog = new Node(catalogIri, [
            (Rdf + "type", new Iri(Dcat + "Catalog")),
            (Dct + "title", new Lang("Musubi — 全国の自治体オープンデータ", "ja")),
            (Dct + "title", new Lang("Musubi — Japan's municipal open data", "en")),
            (Dct + "description", new Lang("自治体が公開したオープンデータを標準データセットに変換して提供するカタログです。", "ja")),
            (Dct + "publisher", new Iri(publisherIri)),
            (Foaf + "homepage", new Iri(site + "/")),
        ]);
        nodes.Add(catalog);
        nodes.Add(new Node(publisherIri, [(Rdf + "type", new Iri(Foaf + "Agent")), (Foaf + "name", new Lang("Musubi", "en"))]));

        foreach (var d in datasets)
        {
            var info = d.Dataset.Info;
            var iri = $"{site}/datasets/{d.Dataset.Id}";
            catalog.Props.Add((Dcat + "dataset", new Iri(iri)));
            var props = new List<(string, object)>
            {
                (Rdf + "type", new Iri(Dcat + "Dataset")),
                (Dct + "identifier", d.Dataset.Id.ToString(CultureInfo.InvariantCulture)),
                (Dct + "title", new Lang(info.Title, "ja")),
                (Dct + "description", new Lang(string.IsNullOrWhiteSpace(info.Description) ? info.Title : info.Description, "ja")),
                (Dcat + "landingPage", new Iri(iri)),
                (Dct + "modified", new Typed(d.Dataset.LastSeenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Xsd + "dateTime")),
            };
            foreach (var t in info.Tags) props.Add((Dcat + "keyword", new Lang(t, "ja")));
            var code = info.PublisherCode ?? d.Publisher?.Code;
            if (code is not null)
            {
                var agent = $"{site}/publishers/{Uri.EscapeDataString(code)}";
                props.Add((Dct + "publisher", new Iri(agent)));
                nodes.Add(new Node(agent, [(Rdf + "type", new Iri(Foaf + "Agent")), (Foaf + "name", new Lang(d.Publisher?.Name ?? info.PublisherName ?? names.Government(code), "ja")), (Dct + "identifier", code)]));
            }
            var licence = info.LicenseUrl is { } lu && Uri.TryCreate(lu, UriKind.Absolute, out var lic) && lic.Scheme is "http" or "https" ? lic.AbsoluteUri : null;
            var n = 0;
            foreach (var r in d.Resources.Where(r => r.Resource.DeletedAt is null))
            {
                var dist = $"{iri}#distribution-{++n}";
                props.Add((Dcat + "distribution", new Iri(dist)));
                var dp = new List<(string, object)> { (Rdf + "type", new Iri(Dcat + "Distribution")) };
                var url = Uri.TryCreate(r.Resource.Info.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.AbsoluteUri : iri;
                dp.Add((Dcat + "accessURL", new Iri(url)));
                if (url != iri) dp.Add((Dcat + "downloadURL", new Iri(url)));
                if (r.Resource.Info.Name is { Length: > 0 } rn) dp.Add((Dct + "title", new Lang(rn, "ja")));
                if (licence is not null) dp.Add((Dct + "license", new Iri(licence)));
                nodes.Add(new Node(dist, dp));
                if (r.Published is { } p)
                {
                    var conv = $"{iri}#standard-{++n}";
                    props.Add((Dcat + "distribution", new Iri(conv)));
                    var csv = $"{site}/api/v1/standards/{Uri.EscapeDataString(p.SchemaId)}/records.csv" + (code is null ? "" : "?publisher=" + Uri.EscapeDataString(code));
                    nodes.Add(new Node(conv, [
                        (Rdf + "type", new Iri(Dcat + "Distribution")),
                        (Dcat + "accessURL", new Iri(csv)),
                        (Dcat + "downloadURL", new Iri(csv)),
                        (Dct + "title", new Lang(names.Standard(p.SchemaId, Localization.Lang.Ja) + "（標準形式 CSV）", "ja")),
                        (Dcat + "mediaType", new Iri("http://www.iana.org/assignments/media-types/text/csv")),
                    ]));
                }
            }
            nodes.Add(new Node(iri, props));
        }

        var last = Math.Max(1, (total + PageSize - 1) / PageSize);
        var pageIri = $"{site}/catalog.{ext}?page={page}";
        var paging = new List<(string, object)>
        {
            (Rdf + "type", new Iri(Hydra + "PartialCollectionView")),
            (Hydra + "first", new Iri($"{site}/catalog.{ext}?page=1")),
            (Hydra + "last", new Iri($"{site}/catalog.{ext}?page={last}")),
            (Hydra + "totalItems", new Typed(total.ToString(CultureInfo.InvariantCulture), Xsd + "integer")),
        };
        if (page > 1) paging.Add((Hydra + "previous", new Iri($"{site}/catalog.{ext}?page={page - 1}")));
        if (page < last) paging.Add((Hydra + "next", new Iri($"{site}/catalog.{ext}?page={page + 1}")));
        nodes.Add(new Node(pageIri, paging));

        return turtle
            ? Results.Text(Turtle(nodes), "text/turtle; charset=utf-8", Encoding.UTF8)
            : Results.Text(JsonLd(nodes).ToJsonString(Ckan.CkanProtocol.Json), "application/ld+json; charset=utf-8", Encoding.UTF8);
    }

    private static string Turtle(List<Node> nodes)
    {
        var sb = new StringBuilder();
        foreach (var node in nodes)
        {
            sb.Append('<').Append(EscapeIri(node.Subject)).Append(">\n");
            for (var i = 0; i < node.Props.Count; i++)
            {
                var (p, v) = node.Props[i];
                sb.Append("    <").Append(EscapeIri(p)).Append("> ").Append(TurtleValue(v)).Append(i == node.Props.Count - 1 ? " .\n\n" : " ;\n");
            }
        }
        return sb.ToString();
    }

    private static string TurtleValue(object v) => v switch
    {
        Iri iri => "<" + EscapeIri(iri.Value) + ">",
        Typed t => Quote(t.Value) + "^^<" + t.Datatype + ">",
        Lang l => Quote(l.Value) + "@" + l.Tag,
        string s => Quote(s),
        _ => Quote(v.ToString() ?? ""),
    };

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Characters Turtle forbids in an IRI are percent-encoded.</summary>
    private static string EscapeIri(string iri)
    {
        var sb = new StringBuilder();
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString())) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static JsonObject JsonLd(List<Node> nodes)
    {
        var graph = new JsonArray();
        foreach (var node in nodes)
        {
            var o = new JsonObject { ["@id"] = node.Subject };
            foreach (var group in node.Props.GroupBy(p => p.Predicate))
            {
                var values = group.Select(p => p.Value).ToList();
                if (group.Key == Rdf + "type")
                {
                    o["@type"] = new JsonArray([.. values.Select(v => (JsonNode)((Iri)v).Value)]);
                    continue;
                }
                o[group.Key] = new JsonArray([.. values.Select(v => (JsonNode)(v switch
                {
                    Iri iri => new JsonObject { ["@id"] = iri.Value },
                    Typed t => new JsonObject { ["@value"] = t.Value, ["@type"] = t.Datatype },
                    Lang l => new JsonObject { ["@value"] = l.Value, ["@language"] = l.Tag },
                    _ => new JsonObject { ["@value"] = v.ToString() },
                }))]);
            }
            graph.Add(o);
        }
        return new JsonObject { ["@graph"] = graph };
    }
}
