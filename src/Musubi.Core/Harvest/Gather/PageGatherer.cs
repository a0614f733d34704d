using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Musubi.Source;

namespace Musubi.Harvest.Gather;

/// <summary>
/// Gathers an HTML page that links to data files (a municipality's オープンデータ一覧). Links are parsed with AngleSharp,
/// resolved against the page (and its &lt;base&gt;), and only http(s) links are kept (javascript:, mailto: and other schemes
/// are ignored). A link whose path ends in a data extension is a dataset with one resource; a link that only hints at
/// data (link text "CSV", "ダウンロード"; a download script) is one too, flagged <see cref="GatheredResource.NeedsSniff"/>
/// for the caller to sniff. Other links on the same host are followed as pages up to <see cref="SourceDefinition.PageDepth"/>.
/// A dataset is titled from its link text, or — when that is only "CSV (5KB)" — from the table row, list item or nearest
/// heading around the link.
/// </summary>
public sealed partial class PageGatherer : ISourceGatherer
{
    private const string Accept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

    /// <summary>Extensions of data links on pages (.txt is left out: on web pages it is robots.txt and notes).</summary>
    private static readonly string[] DataExtensions = [".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".zip", ".json", ".geojson", ".xml", ".ods"];

    private static readonly string[] PageExtensions = ["", ".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cgi", ".do"];

    public SourceKind Kind => SourceKind.Page;

    public async Task<GatherResult> GatherAsync(SourceDefinition source, GatherContext context, CancellationToken cancellationToken = default)
    {
        if (Listing.HttpUrl(source.Location, null) is not { } start)
            return GatherResult.Failed(source, new(GatherFailureReason.InvalidSource, $"source {source.Id}: “{source.Location}” is not an http(s) URL"));

        var warnings = new List<string>();
        var datasets = new Dictionary<string, GatheredDataset>(StringComparer.Ordinal);
        var queued = new HashSet<string>(StringComparer.Ordinal) { Key(start) };
        var queue = new Queue<(Uri Url, int Depth)>();
        queue.Enqueue((start, 0));
        var depthLimit = Math.Max(0, source.PageDepth);
        var parser = new HtmlParser();
        var requests = 0;
        var pages = 0;
        string? incomplete = null;
        Uri? canonical = null;

        while (queue.Count > 0)
        {
            var (url, depth) = queue.Dequeue();
            if (pages >= context.Limits.MaxPages)
            {
                incomplete = $"more than {context.Limits.MaxPages} pages";
                break;
            }
            pages++;
            var fetched = await Listing.FetchAsync(context, url, Accept, cancellationToken).ConfigureAwait(false);
            requests += fetched.Fetch.Requests;
            try
            {
                var fetch = fetched.Fetch;
                if (!fetch.IsOk)
                {
                    if (depth == 0) return GatherResult.Failed(source, Listing.FetchFailure(fetch, $"source {source.Id}"), warnings, requests);
                    warnings.Add($"linked page {url}: {fetch.Failure!.Message}");
                    incomplete ??= "some linked pages could not be fetched";
                    continue;
                }
                if (fetched.Kind != MediaKind.Html)
                {
                    if (depth == 0)
                        return GatherResult.Failed(source, new(GatherFailureReason.NotHtml, $"source {source.Id}: {url} is {fetched.Kind}, not an HTML page"), warnings, requests);
                    // A link followed as a page turned out to be a data file.
                    if (fetched.Kind is not MediaKind.Unknown and not MediaKind.Pdf && datasets.Count < context.Limits.MaxDatasets)
                        AddData(datasets, fetch.FinalUrl, Listing.FileName(fetch.FinalUrl), null, needsSniff: false, formatOverride: MediaSniffer.Extension(fetched.Kind)[1..].ToUpperInvariant());
                    continue;
                }
                if (depth == 0) canonical = fetch.FinalUrl;
                var html = Listing.ReadText(fetch.TempFilePath!, fetch.DeclaredContentType, html: true);
                using var doc = parser.ParseDocument(html);
                var baseUrl = fetch.FinalUrl;
                if (doc.QuerySelector("base[href]")?.GetAttribute("href") is { } b && Listing.HttpUrl(b, fetch.FinalUrl) is { } bu) baseUrl = bu;

                string? heading = null;
                foreach (var el in doc.All)
                {
                    var tag = el.LocalName;
                    if (tag is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                    {
                        heading = Listing.Squash(el.TextContent);
                        continue;
                    }
                    if (tag is not ("a" or "area")) continue;
                    var href = el.GetAttribute("href");
                    if (string.IsNullOrWhiteSpace(href) || href.TrimStart().StartsWith('#')) continue;
                    if (Listing.HttpUrl(href, baseUrl) is not { } link) continue; // javascript:, mailto:, tel:, data:, …
                    link = Listing.WithoutFragment(link);
                    var ext = Listing.Extension(link);
                    var text = LinkText(el);
                    if (Array.IndexOf(DataExtensions, ext) >= 0)
                    {
                        if (IsFeed(link, ext)) continue;
                        if (datasets.Count >= context.Limits.MaxDatasets)
                        {
                            incomplete ??= $"more than {context.Limits.MaxDatasets:N0} data links";
                            continue;
                        }
                        AddData(datasets, link, text, Context(el) ?? heading, needsSniff: false);
                        continue;
                    }
                    if (ext is not (".html" or ".htm" or ".shtml") && LooksLikeData(link, text))
                    {
                        if (datasets.Count < context.Limits.MaxDatasets) AddData(datasets, link, text, Context(el) ?? heading, needsSniff: true);
                        continue;
                    }
                    if (depth < depthLimit && Array.IndexOf(PageExtensions, ext) >= 0 && SameHost(link, start) && queued.Add(Key(link)))
                        queue.Enqueue((link, depth + 1));
                }
                context.Progress?.Invoke($"{source.Id}: {pages} page(s), {datasets.Count} data links");
            }
            finally
            {
                Listing.Done(fetched);
            }
        }

        return new GatherResult
        {
            Source = source,
            Datasets = [.. datasets.Values],
            Warnings = warnings,
            IsComplete = incomplete is null,
            IncompleteReason = incomplete,
            CanonicalUrl = canonical,
            Requests = requests,
        };
    }

    private static void AddData(Dictionary<string, GatheredDataset> datasets, Uri link, string linkText, string? context, bool needsSniff, string? formatOverride = null)
    {
        var key = link.AbsoluteUri;
        if (datasets.ContainsKey(key)) return;
        var cleaned = CleanLinkText(linkText);
        var generic = cleaned.Length == 0 || GenericText().IsMatch(cleaned);
        var file = Listing.FileName(link);
        var title = !generic ? cleaned : context is { Length: > 0 } ? context : file;
        var description = !generic && context is { Length: > 0 } && !cleaned.Contains(context, StringComparison.Ordinal) ? context : null;
        var format = formatOverride ?? (needsSniff ? null : Listing.FormatOf(Listing.Extension(link)));
        datasets[key] = new GatheredDataset
        {
            Key = key,
            Title = title,
            Description = description,
            Resources =
            [
                new GatheredResource
                {
                    Key = key,
                    Url = link,
                    Name = linkText.Length > 0 ? linkText : file,
                    Format = format,
                    NeedsSniff = needsSniff,
                },
            ],
        };
    }

    /// <summary>The visible text of a link, with the alt text of images inside it.</summary>
    private static string LinkText(IElement a)
    {
        var text = Listing.Squash(a.TextContent);
        if (text.Length == 0) text = Listing.Squash(a.GetAttribute("title") ?? "");
        if (text.Length == 0)
            foreach (var img in a.QuerySelectorAll("img[alt]"))
                text = Listing.Squash(img.GetAttribute("alt"));
        return text;
    }

    /// <summary>The label next to a link: the first cell of its table row, or its list item / paragraph without the links.</summary>
    private static string? Context(IElement a)
    {
        if (a.Closest("tr") is { } tr)
        {
            foreach (var cell in tr.Children)
            {
                if (cell.LocalName is not ("td" or "th")) continue;
                if (cell.Contains(a)) break;
                var t = CleanLinkText(Listing.Squash(cell.TextContent));
                if (t.Length > 0) return t;
            }
        }
        if (a.Closest("li, p, dd, dt") is { } block)
        {
            var full = Listing.Squash(block.TextContent);
            foreach (var other in block.QuerySelectorAll("a"))
            {
                var t = Listing.Squash(other.TextContent);
                if (t.Length > 0) full = full.Replace(t, " ", StringComparison.Ordinal);
            }
            full = CleanLinkText(Listing.Squash(full.Trim(' ', '：', ':', '|', '｜', '/', '／', '・', '-', '、', '，', ',')));
            full = full.Trim(' ', '：', ':', '|', '｜', '/', '／', '・', '-', '、', '，', ',');
            if (full.Length > 0 && !GenericText().IsMatch(full)) return full;
        }
        return null;
    }

    /// <summary>Link text without a trailing "(CSV：5KB)" / "[Excelファイル／12KB]" / "PDF 3.2MB".</summary>
    private static string CleanLinkText(string text)
    {
        var t = text;
        while (true)
        {
            var next = SizeSuffix().Replace(t, "").Trim();
            if (next == t) return t;
            t = next;
        }
    }

    /// <summary>A link that names no data extension but hints at a data file: "CSV" in its text, a download script.</summary>
    private static bool LooksLikeData(Uri link, string text)
    {
        if (DataWords().IsMatch(text)) return true;
        var pq = Uri.UnescapeDataString(link.PathAndQuery);
        return DownloadPath().IsMatch(pq);
    }

    private static bool IsFeed(Uri link, string ext)
    {
        if (ext != ".xml") return false;
        var name = Listing.FileName(link).ToLowerInvariant();
        return name.StartsWith("rss", StringComparison.Ordinal) || name.StartsWith("feed", StringComparison.Ordinal)
            || name.StartsWith("atom", StringComparison.Ordinal) || name.StartsWith("sitemap", StringComparison.Ordinal);
    }

    private static bool SameHost(Uri a, Uri b) => string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase);

    private static string Key(Uri u) => u.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    [GeneratedRegex(@"\s*[\(（\[［【〔<＜][^\)）\]］】〕>＞]*(KB|MB|GB|キロバイト|メガバイト|バイト|bytes?|CSV|TSV|Excel|エクセル|XLSX?|ZIP|JSON|XML|ファイル|形式)[^\)）\]］】〕>＞]*[\)）\]］】〕>＞]\s*$|\s+\d+(\.\d+)?\s*(KB|MB|GB|バイト|bytes?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizeSuffix();

    [GeneratedRegex(@"^(CSV|TSV|XLSX?|Excel|エクセル|ZIP|JSON|GeoJSON|XML|ODS|ダウンロード|download|データ|ファイル|こちら|ここ|リンク)\s*(形式|ファイル|版|データ|はこちら)?\s*(ファイル|データ)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenericText();

    [GeneratedRegex(@"\b(CSV|TSV|XLSX?|Excel|ZIP)\b|エクセル|CSV形式|ダウンロード", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DataWords();

    [GeneratedRegex(@"(download|attachment|getfile|get_file|fileget|dl\.php|file\.php|filedownload)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DownloadPath();
}
