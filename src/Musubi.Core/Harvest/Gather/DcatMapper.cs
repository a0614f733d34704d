using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Musubi.Rdf;

namespace Musubi.Harvest.Gather;

/// <summary>
/// Reads DCAT datasets and distributions out of an RDF graph (DCAT-AP 1–3, DCAT-AP.de, datos.gob.es, Project Open
/// Data JSON-LD), and the Hydra paging of a catalog page.
/// </summary>
public static class DcatMapper
{
    private const string Dct = RdfNs.Dct;
    private const string Dcat = RdfNs.Dcat;

    /// <summary>Hydra paging found on a page.</summary>
    public sealed record Paging(IReadOnlyList<string> Next, long? TotalItems);

    /// <summary>The datasets of <paramref name="graph"/>, in document order.</summary>
    public static List<GatheredDataset> Datasets(RdfGraph graph, GatherLimits limits, List<string> warnings)
    {
        var datasets = new List<RdfTerm>();
        var seen = new HashSet<RdfTerm>();
        foreach (var d in graph.OfType(Dcat + "Dataset"))
            if (seen.Add(d)) datasets.Add(d);
        RdfTerm? catalog = null;
        foreach (var c in graph.OfType(Dcat + "Catalog"))
        {
            catalog ??= c;
            foreach (var d in graph.Objects(c, Dcat + "dataset"))
                if (d.IsNode && seen.Add(d)) datasets.Add(d);
        }

        var result = new List<GatheredDataset>();
        foreach (var d in datasets)
        {
            var ds = Dataset(graph, d, catalog, limits, warnings);
            if (ds is not null) result.Add(ds);
        }
        return result;
    }

    /// <summary>hydra:next / hydra:nextPage links (old and new Hydra vocabularies) and hydra:totalItems.</summary>
    public static Paging HydraPaging(RdfGraph graph)
    {
        var next = new List<string>();
        long? total = null;
        foreach (var t in graph.Triples)
        {
            if (t.Predicate is RdfNs.Hydra + "next" or RdfNs.Hydra + "nextPage")
            {
                if (!next.Contains(t.Object.Value)) next.Add(t.Object.Value);
            }
            else if (t.Predicate == RdfNs.Hydra + "totalItems" && t.Object.IsLiteral
                     && decimal.TryParse(t.Object.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                total ??= (long)n;
        }
        return new Paging(next, total);
    }

    private static GatheredDataset? Dataset(RdfGraph g, RdfTerm d, RdfTerm? catalog, GatherLimits limits, List<string> warnings)
    {
        var title = Text(g, d, Dct + "title") ?? Text(g, d, RdfNs.Dc + "title") ?? Text(g, d, RdfNs.Rdfs + "label");
        var identifier = Text(g, d, Dct + "identifier") ?? Text(g, d, Dcat + "identifier");
        var landing = Url(g, d, Dcat + "landingPage") ?? Url(g, d, RdfNs.Foaf + "page");
        string key;
        if (d.IsIri) key = d.Value;
        else if (identifier is not null) key = identifier;
        else
        {
            // A blank-node dataset without dct:identifier has no stable name: derive one from what it says.
            key = "dcat-blank:" + System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{landing}")))[..16];
            warnings.Add($"a dataset without IRI or dct:identifier (“{title}”) is keyed by its title");
        }
        if (title is null) warnings.Add($"dataset {key} has no dct:title");

        var publisherNode = Node(g, d, Dct + "publisher") ?? (catalog is { } c ? Node(g, c, Dct + "publisher") : null);
        var publisher = publisherNode is { } pn ? Label(g, pn) : Text(g, d, Dct + "publisher");
        string? code = null;
        if (publisherNode is { } pnode)
        {
            foreach (var p in (ReadOnlySpan<string>)[Dct + "identifier", RdfNs.Skos + "notation", RdfNs.Adms + "identifier"])
            {
                foreach (var o in g.Objects(pnode, p))
                {
                    var v = o.IsLiteral ? o.Value : Text(g, o, RdfNs.Skos + "notation");
                    if (Listing.LgCode(v) is { } lg)
                    {
                        code = lg;
                        break;
                    }
                }
                if (code is not null) break;
            }
        }

        var contact = Node(g, d, Dcat + "contactPoint") ?? Node(g, d, RdfNs.Adms + "contactPoint");
        string? contactName = null, contactEmail = null;
        if (contact is { } cp)
        {
            contactName = Text(g, cp, RdfNs.Vcard + "fn") ?? Text(g, cp, RdfNs.Vcard + "organization-name") ?? Text(g, cp, RdfNs.Foaf + "name");
            contactEmail = Email(g, cp, RdfNs.Vcard + "hasEmail") ?? Email(g, cp, RdfNs.Foaf + "mbox");
        }

        var license = Node(g, d, Dct + "license") is { } ln ? ln : (RdfTerm?)null;
        var resources = new List<GatheredResource>();
        var dropped = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dist in g.Objects(d, Dcat + "distribution"))
        {
            if (resources.Count >= limits.MaxResourcesPerDataset)
            {
                dropped++;
                continue;
            }
            var r = Distribution(g, dist, key, warnings);
            if (r is null || !keys.Add(r.Key))
            {
                dropped += r is null ? 1 : 0;
                continue;
            }
            resources.Add(r);
            license ??= Node(g, dist, Dct + "license");
        }
        if (resources.Count >= limits.MaxResourcesPerDataset && dropped > 0)
            warnings.Add($"dataset {key}: more than {limits.MaxResourcesPerDataset:N0} distributions; the rest were not taken");
        license ??= catalog is { } cat ? Node(g, cat, Dct + "license") : null;

        return new GatheredDataset
        {
            Key = key,
            Name = identifier,
            Title = title ?? identifier ?? key,
            Description = Text(g, d, Dct + "description") ?? Text(g, d, RdfNs.Dc + "description"),
            License = license is { } l ? Label(g, l) : Text(g, d, Dct + "license"),
            LicenseUrl = license is { IsIri: true } li ? li.Value : null,
            Tags = Texts(g, d, Dcat + "keyword"),
            Categories = Labels(g, d, Dcat + "theme"),
            UpdateFrequency = Node(g, d, Dct + "accrualPeriodicity") is { } f ? Label(g, f) : Text(g, d, Dct + "accrualPeriodicity"),
            ContactName = contactName,
            ContactEmail = contactEmail,
            Issued = SourceTime.Parse(Text(g, d, Dct + "issued")),
            Modified = SourceTime.Parse(Text(g, d, Dct + "modified")),
            Publisher = publisher,
            PublisherCode = code,
            LandingPage = landing,
            Resources = resources,
            ResourcesIncomplete = dropped > 0,
        };
    }

    private static GatheredResource? Distribution(RdfGraph g, RdfTerm dist, string datasetKey, List<string> warnings)
    {
        if (!dist.IsNode)
        {
            // A bare URL given as distribution (seen in hand-written catalogs).
            var bare = Listing.HttpUrl(dist.Value, null);
            return bare is null ? null : new GatheredResource { Key = bare.AbsoluteUri, Url = bare, Format = Listing.FormatOf(Listing.Extension(bare)) };
        }
        var raw = Raw(g, dist, Dcat + "downloadURL") ?? Raw(g, dist, Dcat + "accessURL") ?? Raw(g, dist, RdfNs.Schema + "contentUrl");
        var url = Listing.HttpUrl(raw, null);
        if (url is null)
        {
            warnings.Add($"dataset {datasetKey}: a distribution without an http(s) download or access URL (“{raw}”) was skipped");
            return null;
        }
        string? format = null, mediaType = null;
        if (Node(g, dist, Dct + "format") is { } fmt)
        {
            format = Label(g, fmt);
            // An unlabelled vocabulary IRI (…/file-type/CSV) names the format in its last segment.
            if (fmt.IsIri && format == fmt.Value) format = LastSegment(fmt.Value);
            if (!fmt.IsLiteral && Text(g, fmt, RdfNs.Value) is { } v && v.Contains('/')) mediaType = v;
        }
        else if (Text(g, dist, Dct + "format") is { } fl) format = fl;
        if (Raw(g, dist, Dcat + "mediaType") is { } mt)
            mediaType = StripPrefix(mt, "http://www.iana.org/assignments/media-types/", "https://www.iana.org/assignments/media-types/");
        long? size = null;
        if (Text(g, dist, Dcat + "byteSize") is { } bs && decimal.TryParse(bs, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0) size = (long)n;
        var key = dist.IsIri ? dist.Value : Text(g, dist, Dct + "identifier") ?? url.AbsoluteUri;
        return new GatheredResource
        {
            Key = key,
            Url = url,
            Name = Text(g, dist, Dct + "title") ?? Listing.FileName(url),
            Description = Text(g, dist, Dct + "description"),
            Format = format ?? Listing.FormatOf(Listing.Extension(url)),
            MediaType = mediaType,
            Size = size,
            Modified = SourceTime.Parse(Text(g, dist, Dct + "modified") ?? Text(g, dist, Dct + "issued")),
        };
    }

    /// <summary>Predicate variants: POD's JSON-LD context maps some DCMI terms as http://purl.org/dc/terms/#X.</summary>
    private static IEnumerable<RdfTerm> All(RdfGraph g, RdfTerm s, string predicate)
    {
        foreach (var o in g.Objects(s, predicate)) yield return o;
        if (predicate.StartsWith(Dct, StringComparison.Ordinal))
            foreach (var o in g.Objects(s, Dct + "#" + predicate[Dct.Length..])) yield return o;
    }

    /// <summary>The best literal of (s, p): Japanese, then untagged, then English, then any.</summary>
    private static string? Text(RdfGraph g, RdfTerm s, string predicate)
    {
        string? ja = null, none = null, en = null, any = null;
        foreach (var o in All(g, s, predicate))
        {
            if (!o.IsLiteral) continue;
            var v = o.Value.Trim();
            if (v.Length == 0) continue;
            if (o.Language is { } lang)
            {
                if (lang == "ja" || lang.StartsWith("ja-", StringComparison.Ordinal)) ja ??= v;
                else if (lang == "en" || lang.StartsWith("en-", StringComparison.Ordinal)) en ??= v;
                else any ??= v;
            }
            else none ??= v;
        }
        return ja ?? none ?? en ?? any;
    }

    /// <summary>Every literal of (s, p), Japanese and untagged first; other languages only when there is nothing else.</summary>
    private static List<string> Texts(RdfGraph g, RdfTerm s, string predicate)
    {
        var preferred = new List<string>();
        var other = new List<string>();
        foreach (var o in All(g, s, predicate))
        {
            if (!o.IsLiteral || o.Value.Trim().Length == 0) continue;
            var list = o.Language is null || o.Language == "ja" || o.Language.StartsWith("ja-", StringComparison.Ordinal) ? preferred : other;
            var v = o.Value.Trim();
            if (!list.Contains(v)) list.Add(v);
        }
        return preferred.Count > 0 ? preferred : other;
    }

    private static List<string> Labels(RdfGraph g, RdfTerm s, string predicate)
    {
        var list = new List<string>();
        foreach (var o in All(g, s, predicate))
        {
            var v = Label(g, o);
            if (v.Length > 0 && !list.Contains(v)) list.Add(v);
        }
        return list;
    }

    /// <summary>A human label for a node: prefLabel, label, name, title, rdf:value; else its IRI; a literal's text.</summary>
    private static string Label(RdfGraph g, RdfTerm node)
    {
        if (node.IsLiteral) return node.Value.Trim();
        foreach (var p in (ReadOnlySpan<string>)[RdfNs.Skos + "prefLabel", RdfNs.Rdfs + "label", RdfNs.Foaf + "name", RdfNs.Vcard + "fn", Dct + "title", RdfNs.Value])
        {
            if (Text(g, node, p) is { } t) return t;
        }
        return node.IsIri ? node.Value : "";
    }

    private static RdfTerm? Node(RdfGraph g, RdfTerm s, string predicate)
    {
        foreach (var o in All(g, s, predicate)) return o;
        return null;
    }

    /// <summary>The text of an IRI or literal object (URLs are given both ways).</summary>
    private static string? Raw(RdfGraph g, RdfTerm s, string predicate)
    {
        foreach (var o in All(g, s, predicate))
            if (!o.IsBlank && o.Value.Trim().Length > 0) return o.Value.Trim();
        return null;
    }

    private static Uri? Url(RdfGraph g, RdfTerm s, string predicate)
    {
        foreach (var o in All(g, s, predicate))
        {
            if (o.IsBlank)
            {
                if (Listing.HttpUrl(Raw(g, o, RdfNs.Foaf + "homepage"), null) is { } h) return h;
                continue;
            }
            if (Listing.HttpUrl(o.Value, null) is { } u) return u;
        }
        return null;
    }

    private static string? Email(RdfGraph g, RdfTerm s, string predicate)
    {
        var raw = Raw(g, s, predicate);
        if (raw is null) return null;
        return raw.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? raw[7..] : raw;
    }

    private static string LastSegment(string iri)
    {
        var cut = iri.TrimEnd('/', '#').LastIndexOfAny(['/', '#']);
        return cut >= 0 ? iri.TrimEnd('/', '#')[(cut + 1)..] : iri;
    }

    private static string StripPrefix(string s, params string[] prefixes)
    {
        foreach (var p in prefixes)
            if (s.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return s[p.Length..];
        return s;
    }
}
