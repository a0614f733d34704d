using System.Globalization;
using System.Text.RegularExpressions;
using Musubi.Source;

namespace Musubi.Harvest.Gather;

/// <summary>Gathers the current list of datasets of one kind of source.</summary>
public interface ISourceGatherer
{
    SourceKind Kind { get; }

    /// <summary>
    /// Lists every dataset the source has now. Never throws for what the source does (bad pages, timeouts, a site that
    /// is not what it claims): the result carries warnings, an incomplete flag or a typed failure. Throws
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<GatherResult> GatherAsync(SourceDefinition source, GatherContext context, CancellationToken cancellationToken = default);
}

/// <summary>Caps for one gather (bounded time and memory whatever the source does).</summary>
public sealed record GatherLimits
{
    /// <summary>Largest listing response (one API page, catalog page, HTML page, URL list). Default 64 MiB.</summary>
    public long MaxListingBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Datasets taken from one source; past it the listing is incomplete. Default 100,000.</summary>
    public int MaxDatasets { get; init; } = 100_000;

    /// <summary>Resources kept per dataset; the rest are dropped with a warning and the dataset is flagged. Default 2,000.</summary>
    public int MaxResourcesPerDataset { get; init; } = 2_000;

    /// <summary>Listing pages requested for one source (API pages, catalog pages, crawled HTML pages). Default 2,000.</summary>
    public int MaxPages { get; init; } = 2_000;

    /// <summary>Files looked at in a folder source. Default 100,000.</summary>
    public int MaxFolderFiles { get; init; } = 100_000;

    /// <summary>Caps for ZIP archives listed in a folder source.</summary>
    public ArchiveLimits Archive { get; init; } = new();
}

/// <summary>What a gatherer may use: the safe fetcher (all HTTP goes through it), a temporary folder, limits.</summary>
public sealed class GatherContext(SafeFetcher fetcher, string tempDirectory, GatherLimits? limits = null)
{
    public SafeFetcher Fetcher { get; } = fetcher;

    /// <summary>A folder the caller owns, for listing pages while they are parsed (deleted right after).</summary>
    public string TempDirectory { get; } = tempDirectory;

    public GatherLimits Limits { get; } = limits ?? new GatherLimits();

    /// <summary>Optional progress lines ("page 3: 300 datasets"), for a live display.</summary>
    public Action<string>? Progress { get; init; }
}

public enum GatherFailureReason
{
    /// <summary>The source definition cannot be used (bad URL, a file: URL, a missing path).</summary>
    InvalidSource,

    /// <summary>The listing could not be fetched (see <see cref="GatherFailure.Fetch"/>).</summary>
    FetchFailed,

    /// <summary>The site does not answer as a CKAN Action API (HTML, no envelope, <c>success</c> missing, …).</summary>
    NotCkan,

    /// <summary>The document is not a DCAT catalog in a supported RDF syntax.</summary>
    NotDcat,

    /// <summary>The page is not HTML.</summary>
    NotHtml,

    /// <summary>The listing is in the right syntax but broken.</summary>
    ParseError,

    /// <summary>The local folder or file does not exist.</summary>
    NotFound,
}

/// <summary>Why a gather produced no usable listing; one line naming the source and URL.</summary>
public sealed record GatherFailure(GatherFailureReason Reason, string Message, FetchFailure? Fetch = null)
{
    public override string ToString() => $"{Reason}: {Message}";
}

/// <summary>
/// The listing of one source. When <see cref="IsComplete"/> is false the caller must not treat a dataset that is missing
/// from <see cref="Datasets"/> as deleted at the source.
/// </summary>
public sealed record GatherResult
{
    public required SourceDefinition Source { get; init; }

    public required IReadOnlyList<GatheredDataset> Datasets { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the listing is known to hold every dataset the source has.</summary>
    public bool IsComplete { get; init; }

    /// <summary>Why the listing is incomplete (null when complete).</summary>
    public string? IncompleteReason { get; init; }

    /// <summary>Set when the gather failed outright (then <see cref="IsComplete"/> is false).</summary>
    public GatherFailure? Failure { get; init; }

    /// <summary>The listing's address after redirects (the CKAN API root, the first catalog page), when remote.</summary>
    public Uri? CanonicalUrl { get; init; }

    /// <summary>HTTP requests made.</summary>
    public int Requests { get; init; }

    public bool IsOk => Failure is null;

    public static GatherResult Failed(SourceDefinition source, GatherFailure failure, IReadOnlyList<string>? warnings = null, int requests = 0) => new()
    {
        Source = source,
        Datasets = [],
        Warnings = warnings ?? [],
        IsComplete = false,
        IncompleteReason = failure.Message,
        Failure = failure,
        Requests = requests,
    };
}

/// <summary>One dataset as the source describes it (plain values; nothing is stored yet).</summary>
public sealed record GatheredDataset
{
    /// <summary>The stable key at the source (CKAN id, DCAT dataset IRI, data link URL, relative path).</summary>
    public required string Key { get; init; }

    /// <summary>A second identifier when the source has one (CKAN name/slug).</summary>
    public string? Name { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The licence's title or identifier as the source gives it (e.g. "クリエイティブ・コモンズ 表示（CC BY）", "CC-BY-4.0").</summary>
    public string? License { get; init; }

    public string? LicenseId { get; init; }

    public string? LicenseUrl { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Categories, groups or themes.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Update frequency as given (更新頻度, dct:accrualPeriodicity).</summary>
    public string? UpdateFrequency { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public SourceTime? Issued { get; init; }

    public SourceTime? Modified { get; init; }

    /// <summary>Publisher or organization name.</summary>
    public string? Publisher { get; init; }

    /// <summary>The publisher's 全国地方公共団体コード when the source says it (six digits, check digit verified).</summary>
    public string? PublisherCode { get; init; }

    public Uri? LandingPage { get; init; }

    public IReadOnlyList<GatheredResource> Resources { get; init; } = [];

    /// <summary>True when resources were dropped (cap reached, unusable URLs): missing resources are not deletions.</summary>
    public bool ResourcesIncomplete { get; init; }

    /// <summary>Other key/value metadata the source gives (CKAN extras).</summary>
    public IReadOnlyDictionary<string, string> Extras { get; init; } = new Dictionary<string, string>();
}

/// <summary>One resource (distribution, file) of a dataset: where to get it and what the source says about it.</summary>
public sealed record GatheredResource
{
    /// <summary>Stable key within the dataset (CKAN resource id, distribution IRI, URL, relative path[!entry]).</summary>
    public required string Key { get; init; }

    /// <summary>http(s) URL of a remote resource. Remote sources never give anything else.</summary>
    public Uri? Url { get; init; }

    /// <summary>Path of a local file (folder sources only).</summary>
    public string? LocalPath { get; init; }

    /// <summary>The sanitized entry name inside the ZIP at <see cref="LocalPath"/>, as <see cref="ArchiveExpander"/> names it.</summary>
    public string? ArchiveEntry { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Format as declared (CSV, XLSX, …) or from the extension.</summary>
    public string? Format { get; init; }

    public string? MediaType { get; init; }

    public long? Size { get; init; }

    public SourceTime? Modified { get; init; }

    /// <summary>True when nothing says this link is a data file (no known extension): fetch and sniff it to decide.</summary>
    public bool NeedsSniff { get; init; }
}

/// <summary>A time stamp as the source wrote it and, when it can be read, the instant in UTC (naive times are taken as UTC, as CKAN writes them).</summary>
public readonly record struct SourceTime(string Raw, DateTimeOffset? Utc)
{
    private static readonly Regex JapaneseDate = new(@"^(\d{4})年(\d{1,2})月(\d{1,2})日", RegexOptions.CultureInvariant);
    private static readonly Regex WeekdayPrefix = new(@"^\S{1,3},\s*", RegexOptions.CultureInvariant);

    public static SourceTime? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var s = raw.Trim();
        return new SourceTime(s, TryParseUtc(s));
    }

    public static DateTimeOffset? TryParseUtc(string s)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out var d)) return d;
        var m = JapaneseDate.Match(s);
        if (m.Success && DateTime.TryParseExact($"{m.Groups[1].Value}-{m.Groups[2].Value.PadLeft(2, '0')}-{m.Groups[3].Value.PadLeft(2, '0')}",
                "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var jd))
            return new DateTimeOffset(jd, TimeSpan.Zero);
        // Drupal-style "月, 03/27/2017 - 00:00" (a CKAN-like Japanese portal).
        var t = WeekdayPrefix.Replace(s, "").Replace(" - ", " ", StringComparison.Ordinal);
        if (t != s && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, styles, out d)) return d;
        return null;
    }

    public override string ToString() => Raw;
}
