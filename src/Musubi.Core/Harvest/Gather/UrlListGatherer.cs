using Musubi.Source;

namespace Musubi.Harvest.Gather;

/// <summary>
/// Gathers a text file of URLs (a local path or an http(s) URL): one URL per line, optionally followed by whitespace and a
/// title; blank lines and lines starting with <c>#</c> are ignored. Only http(s) URLs are taken (relative ones are resolved
/// against a remote list's address); anything else is skipped with a warning naming the line. Each URL is a dataset with
/// one resource.
/// </summary>
public sealed class UrlListGatherer : ISourceGatherer
{
    public SourceKind Kind => SourceKind.Urls;

    public async Task<GatherResult> GatherAsync(SourceDefinition source, GatherContext context, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>();
        string text;
        Uri? listUrl = null;
        var requests = 0;
        if (Uri.TryCreate(source.Location, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
        {
            listUrl = u;
            var page = await Listing.FetchAsync(context, u, "text/plain, */*;q=0.5", cancellationToken).ConfigureAwait(false);
            requests = page.Fetch.Requests;
            try
            {
                if (!page.Fetch.IsOk) return GatherResult.Failed(source, Listing.FetchFailure(page.Fetch, $"source {source.Id}"), warnings, requests);
                if (page.Kind is not (MediaKind.Text or MediaKind.Csv or MediaKind.Tsv))
                    return GatherResult.Failed(source, new(GatherFailureReason.ParseError, $"source {source.Id}: {u} is {page.Kind}, not a text list of URLs"), warnings, requests);
                text = Listing.ReadText(page.Fetch.TempFilePath!, page.Fetch.DeclaredContentType);
                listUrl = page.Fetch.FinalUrl;
            }
            finally
            {
                Listing.Done(page);
            }
        }
        else if (u is not null && !u.IsFile)
            return GatherResult.Failed(source, new(GatherFailureReason.InvalidSource, $"source {source.Id}: “{source.Location}” is neither an http(s) URL nor a local path"));
        else if (source.Location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return GatherResult.Failed(source, new(GatherFailureReason.InvalidSource, $"source {source.Id}: give a local list as a plain path, not a file: URL"));
        else
        {
            var path = source.Location;
            if (!File.Exists(path)) return GatherResult.Failed(source, new(GatherFailureReason.NotFound, $"source {source.Id}: {path} not found"));
            if (new FileInfo(path).Length > context.Limits.MaxListingBytes)
                return GatherResult.Failed(source, new(GatherFailureReason.ParseError, $"source {source.Id}: {path} is larger than {context.Limits.MaxListingBytes:N0} bytes"));
            text = Listing.ReadText(path, null);
        }

        var name = listUrl?.ToString() ?? Path.GetFileName(source.Location);
        var datasets = new List<GatheredDataset>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? incomplete = null;
        var lineNo = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.IsEmpty || line[0] == '#') continue;
            var cut = line.IndexOfAny(" \t\u3000");
            var urlText = (cut < 0 ? line : line[..cut]).ToString();
            var title = cut < 0 ? null : Listing.Squash(line[cut..].ToString());
            var url = Listing.HttpUrl(urlText, listUrl);
            if (url is null)
            {
                warnings.Add($"{name}, line {lineNo}: “{Short(urlText)}” is not an http(s) URL; skipped");
                continue;
            }
            url = Listing.WithoutFragment(url);
            var key = url.AbsoluteUri;
            if (!seen.Add(key)) continue;
            if (datasets.Count >= context.Limits.MaxDatasets)
            {
                incomplete = $"more than {context.Limits.MaxDatasets:N0} URLs";
                break;
            }
            var ext = Listing.Extension(url);
            datasets.Add(new GatheredDataset
            {
                Key = key,
                Title = string.IsNullOrEmpty(title) ? Listing.FileName(url) : title,
                Resources =
                [
                    new GatheredResource
                    {
                        Key = key,
                        Url = url,
                        Name = Listing.FileName(url),
                        Format = Listing.FormatOf(ext),
                        NeedsSniff = Array.IndexOf(Listing.DataExtensions, ext) < 0,
                    },
                ],
            });
        }
        return new GatherResult
        {
            Source = source,
            Datasets = datasets,
            Warnings = warnings,
            IsComplete = incomplete is null,
            IncompleteReason = incomplete,
            CanonicalUrl = listUrl,
            Requests = requests,
        };
    }

    private static string Short(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
