using System.Text;
using Musubi.Read;
using Musubi.Registry;
using Musubi.Source;

namespace Musubi.Harvest.Gather;

/// <summary>Helpers shared by the gatherers: fetching a listing page, reading its text, checking URLs.</summary>
internal static class Listing
{
    /// <summary>Extensions of data files (what a page link or a folder file must end with to be taken).</summary>
    public static readonly string[] DataExtensions =
        [".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".zip", ".json", ".geojson", ".xml", ".ods", ".txt"];

    /// <summary>Extensions the converter reads as tables (folder sources take only these and ZIPs).</summary>
    public static readonly string[] TableExtensions = [".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".txt"];

    /// <summary>A fetched listing page: the fetch result (caller deletes its file) and the sniffed kind.</summary>
    public sealed record Page(FetchResult Fetch, MediaKind Kind);

    public static async Task<Page> FetchAsync(GatherContext ctx, Uri url, string accept, CancellationToken ct)
    {
        var fetch = await ctx.Fetcher.FetchAsync(new FetchRequest(url)
        {
            Accept = accept,
            MaxBodyBytes = ctx.Limits.MaxListingBytes,
            TempDirectory = ctx.TempDirectory,
        }, ct).ConfigureAwait(false);
        var kind = fetch.IsOk ? MediaSniffer.Sniff(fetch.TempFilePath!) : MediaKind.Unknown;
        return new Page(fetch, kind);
    }

    /// <summary>
    /// Decodes a whole listing (never chunk by chunk: a multi-byte character split across chunks is a known harvester bug):
    /// the declared charset when it names one .NET knows, else a BOM or a meta/XML declaration, else detection.
    /// </summary>
    public static string ReadText(string path, string? declaredContentType, bool html = false)
    {
        EncodingDetector.EnsureRegistered();
        var bytes = File.ReadAllBytes(path);
        var enc = CharsetOf(declaredContentType);
        // A server that declares UTF-8 for Shift_JIS bytes is common on Japanese sites: invalid UTF-8 voids the declaration.
        if (enc is UTF8Encoding && !System.Text.Unicode.Utf8.IsValid(bytes)) enc = null;
        if (enc is null && html) enc = MetaCharset(bytes);
        if (enc is UTF8Encoding && !System.Text.Unicode.Utf8.IsValid(bytes)) enc = null;
        if (enc is not null)
        {
            var bom = enc is UTF8Encoding && bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return enc.GetString(bytes, bom, bytes.Length - bom);
        }
        var detected = EncodingDetector.Detect(bytes, complete: true);
        return detected.Encoding.GetString(bytes, detected.BomLength, bytes.Length - detected.BomLength);
    }

    private static Encoding? CharsetOf(string? contentType)
    {
        if (contentType is null) return null;
        var i = contentType.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (i < 0) return null;
        var name = contentType[(i + 8)..].Split(';')[0].Trim().Trim('"', '\'');
        return EncodingFor(name);
    }

    private static Encoding? EncodingFor(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (key is "shift_jis" or "shift-jis" or "sjis" or "x-sjis" or "windows-31j" or "cp932" or "ms932") return EncodingDetector.Cp932;
        try
        {
            return Encoding.GetEncoding(key);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The charset of &lt;meta charset&gt; or &lt;meta http-equiv content="…charset=…"&gt; in the first 4 KB.</summary>
    private static Encoding? MetaCharset(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var i = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (i < 0) return null;
        var rest = head[(i + 8)..].TrimStart('"', '\'', ' ');
        var end = rest.IndexOfAny(['"', '\'', ' ', ';', '>', '/']);
        return EncodingFor(end < 0 ? rest : rest[..end]);
    }

    /// <summary>An absolute http(s) URL made from <paramref name="text"/> (relative to <paramref name="baseUrl"/>), or null.</summary>
    public static Uri? HttpUrl(string? text, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        Uri? u;
        if (baseUrl is not null)
        {
            if (!Uri.TryCreate(baseUrl, t, out u)) return null;
        }
        else if (t.StartsWith('/') || !Uri.TryCreate(t, UriKind.Absolute, out u)) return null;
        return u.Scheme is "http" or "https" && u.Host.Length > 0 ? u : null;
    }

    /// <summary>A URL without its fragment (the key of a link: #top and #section do not make two files).</summary>
    public static Uri WithoutFragment(Uri u) => u.Fragment.Length == 0 ? u : new Uri(u.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped));

    /// <summary>The lower-case extension of a URL's path, or "".</summary>
    public static string Extension(Uri u)
    {
        var path = Uri.UnescapeDataString(u.AbsolutePath);
        var slash = path.LastIndexOf('/');
        var leaf = slash >= 0 ? path[(slash + 1)..] : path;
        var dot = leaf.LastIndexOf('.');
        return dot <= 0 && !(dot == 0 && leaf.Length > 1) ? "" : leaf[dot..].ToLowerInvariant();
    }

    /// <summary>The file name of a URL's path (decoded), or the host.</summary>
    public static string FileName(Uri u)
    {
        var path = Uri.UnescapeDataString(u.AbsolutePath).TrimEnd('/');
        var slash = path.LastIndexOf('/');
        var leaf = slash >= 0 ? path[(slash + 1)..] : path;
        return leaf.Length > 0 ? leaf : u.Host;
    }

    /// <summary>Format name from an extension: ".csv" → "CSV".</summary>
    public static string? FormatOf(string extension) => extension.Length > 1 ? extension[1..].ToUpperInvariant() : null;

    /// <summary>A six-digit 全国地方公共団体コード whose check digit verifies, or null.</summary>
    public static string? LgCode(string? value)
    {
        if (value is null) return null;
        var v = value.Trim();
        return LocalGovernmentCode.IsValid(v) ? v : null;
    }

    /// <summary>Whitespace runs (including U+3000 and line breaks) folded into one space.</summary>
    public static string Squash(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Deletes a fetched listing page's temporary file.</summary>
    public static void Done(Page page) => page.Fetch.DeleteTempFile();

    /// <summary>A failure for a listing that could not be fetched.</summary>
    public static GatherFailure FetchFailure(FetchResult fetch, string what) =>
        new(GatherFailureReason.FetchFailed, $"{what}: {fetch.Failure?.Message}", fetch.Failure);
}
