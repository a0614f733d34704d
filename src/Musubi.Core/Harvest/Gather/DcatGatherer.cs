using Musubi.Rdf;
using Musubi.Source;

namespace Musubi.Harvest.Gather;

/// <summary>
/// Gathers a DCAT catalog (JSON-LD, Turtle or RDF/XML, detected from the content) and follows Hydra paging
/// (hydra:next / hydra:nextPage on a PagedCollection or PartialCollectionView). Each page is parsed into its own graph
/// and dropped once its datasets are read, so memory holds one page. Visited pages are remembered: paging that points
/// back ends the walk (a known infinite loop in other harvesters). A catalog's hydra:totalItems is cross-checked.
/// The location may also be a local file (operator-added); then no paging links are followed.
/// </summary>
public sealed class DcatGatherer : ISourceGatherer
{
    private const string Accept = "text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.9, application/json;q=0.5, application/xml;q=0.5, */*;q=0.1";

    public SourceKind Kind => SourceKind.Dcat;

    public async Task<GatherResult> GatherAsync(SourceDefinition source, GatherContext context, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>();
        if (Uri.TryCreate(source.Location, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            return await GatherRemoteAsync(source, context, url, warnings, cancellationToken).ConfigureAwait(false);
        if (url is not null && !url.IsFile)
            return GatherResult.Failed(source, new(GatherFailureReason.InvalidSource, $"source {source.Id}: “{source.Location}” is neither an http(s) URL nor a local path"));
        if (source.Location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return GatherResult.Failed(source, new(GatherFailureReason.InvalidSource, $"source {source.Id}: give a local catalog as a plain path, not a file: URL"));
        return GatherLocal(source, context, warnings);
    }

    private static GatherResult GatherLocal(SourceDefinition source, GatherContext ctx, List<string> warnings)
    {
        var path = source.Location;
        if (!File.Exists(path)) return GatherResult.Failed(source, new(GatherFailureReason.NotFound, $"source {source.Id}: {path} not found"));
        var kind = MediaSniffer.Sniff(path);
        var syntax = SyntaxOf(kind);
        if (syntax is null)
            return GatherResult.Failed(source, new(GatherFailureReason.NotDcat, $"source {source.Id}: {Path.GetFileName(path)} is {kind}, not a DCAT catalog (JSON-LD, Turtle or RDF/XML)"));
        RdfGraph graph;
        try
        {
            graph = RdfReader.ReadFile(path, syntax.Value, null, new RdfGraph(), "p0_", warnings);
        }
        catch (RdfParseException e)
        {
            return GatherResult.Failed(source, new(GatherFailureReason.ParseError, $"source {source.Id}: {Path.GetFileName(path)}, {e.Message}"), warnings);
        }
        var datasets = Dedupe(DcatMapper.Datasets(graph, ctx.Limits, warnings), ctx.Limits, warnings, out var capped);
        var paging = DcatMapper.HydraPaging(graph);
        string? incomplete = capped;
        if (paging.Next.Count > 0)
        {
            warnings.Add($"{Path.GetFileName(path)} links to a next page; a local catalog is read as one file");
            incomplete ??= "a local catalog page links to further pages that are not read";
        }
        return new GatherResult { Source = source, Datasets = datasets, Warnings = warnings, IsComplete = incomplete is null, IncompleteReason = incomplete };
    }

    private static async Task<GatherResult> GatherRemoteAsync(SourceDefinition source, GatherContext ctx, Uri start, List<string> warnings, CancellationToken ct)
    {
        var all = new Dictionary<string, GatheredDataset>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var next = start;
        var requests = 0;
        var page = 0;
        long? total = null;
        string? incomplete = null;
        Uri? canonical = null;
        while (next is not null)
        {
            if (page >= ctx.Limits.MaxPages)
            {
                incomplete = $"more than {ctx.Limits.MaxPages} catalog pages";
                break;
            }
            visited.Add(Key(next));
            var current = next;
            next = null;
            var fetched = await Listing.FetchAsync(ctx, current, Accept, ct).ConfigureAwait(false);
            requests += fetched.Fetch.Requests;
            RdfGraph graph;
            try
            {
                if (!fetched.Fetch.IsOk)
                {
                    if (page == 0) return GatherResult.Failed(source, Listing.FetchFailure(fetched.Fetch, $"source {source.Id}"), warnings, requests);
                    warnings.Add($"catalog page {page + 1}: {fetched.Fetch.Failure!.Message}");
                    incomplete = $"catalog page {current} could not be fetched";
                    break;
                }
                canonical ??= fetched.Fetch.FinalUrl;
                var syntax = SyntaxOf(fetched.Kind);
                if (syntax is null)
                {
                    var message = $"{current} answered {(fetched.Kind == MediaKind.Html ? "an HTML page" : fetched.Kind.ToString())}, not a DCAT catalog (JSON-LD, Turtle or RDF/XML)";
                    if (page == 0) return GatherResult.Failed(source, new(GatherFailureReason.NotDcat, $"source {source.Id}: {message}"), warnings, requests);
                    warnings.Add(message);
                    incomplete = $"catalog page {current} is not RDF";
                    break;
                }
                try
                {
                    graph = RdfReader.ReadFile(fetched.Fetch.TempFilePath!, syntax.Value, fetched.Fetch.FinalUrl, new RdfGraph(), $"p{page}_", warnings);
                }
                catch (RdfParseException e)
                {
                    if (page == 0) return GatherResult.Failed(source, new(GatherFailureReason.ParseError, $"source {source.Id}: {current}, {e.Message}"), warnings, requests);
                    warnings.Add($"catalog page {current}: {e.Message}");
                    incomplete = $"catalog page {current} could not be parsed";
                    break;
                }
            }
            finally
            {
                Listing.Done(fetched);
            }

            page++;
            foreach (var d in DcatMapper.Datasets(graph, ctx.Limits, warnings))
            {
                if (all.ContainsKey(d.Key)) continue;
                if (all.Count >= ctx.Limits.MaxDatasets)
                {
                    incomplete = $"more than {ctx.Limits.MaxDatasets:N0} datasets";
                    break;
                }
                all[d.Key] = d;
            }
            if (incomplete is not null) break;
            ctx.Progress?.Invoke($"{source.Id}: page {page}, {all.Count} datasets");

            var paging = DcatMapper.HydraPaging(graph);
            total ??= paging.TotalItems;
            foreach (var candidate in paging.Next)
            {
                var u = Listing.HttpUrl(candidate, current);
                if (u is null)
                {
                    warnings.Add($"catalog page {current}: next page “{candidate}” is not an http(s) URL; not followed");
                    continue;
                }
                if (visited.Contains(Key(u)))
                {
                    warnings.Add($"catalog page {current}: the next page {u} was already read (paging loops back); stopped there");
                    continue;
                }
                next = u;
                break;
            }
        }

        if (incomplete is null && total is { } t && all.Count < t)
            incomplete = $"the catalog says {t:N0} datasets (hydra:totalItems); {all.Count:N0} were found";
        return new GatherResult
        {
            Source = source,
            Datasets = [.. all.Values],
            Warnings = warnings,
            IsComplete = incomplete is null,
            IncompleteReason = incomplete,
            CanonicalUrl = canonical,
            Requests = requests,
        };
    }

    private static List<GatheredDataset> Dedupe(List<GatheredDataset> datasets, GatherLimits limits, List<string> warnings, out string? capped)
    {
        capped = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<GatheredDataset>();
        foreach (var d in datasets)
        {
            if (!seen.Add(d.Key)) continue;
            if (list.Count >= limits.MaxDatasets)
            {
                capped = $"more than {limits.MaxDatasets:N0} datasets";
                break;
            }
            list.Add(d);
        }
        return list;
    }

    private static RdfSyntax? SyntaxOf(MediaKind kind) => kind switch
    {
        MediaKind.Turtle => RdfSyntax.Turtle,
        MediaKind.RdfXml => RdfSyntax.RdfXml,
        MediaKind.JsonLd or MediaKind.Json => RdfSyntax.JsonLd,
        _ => null,
    };

    private static string Key(Uri u) => u.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
}
