using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Musubi.Read;

namespace Musubi.Source;

/// <summary>What fetched bytes are, decided from their content (declared types and extensions lie).</summary>
public enum MediaKind
{
    Unknown,
    Xlsx,

    /// <summary>A ZIP that is not an XLSX workbook (an archive of tables, a DOCX, …).</summary>
    Zip,

    /// <summary>An OLE compound file holding a workbook stream (BIFF .xls).</summary>
    Xls,
    Csv,
    Tsv,

    /// <summary>Plain text that is neither delimited table nor markup.</summary>
    Text,
    Html,
    Json,

    /// <summary>JSON with an @context (JSON-LD).</summary>
    JsonLd,
    Xml,

    /// <summary>XML whose root is rdf:RDF or that uses the RDF namespace.</summary>
    RdfXml,
    Turtle,
    Pdf,
    Gzip,
}

/// <summary>Content sniffing for fetched files.</summary>
public static class MediaSniffer
{
    /// <summary>Bytes looked at for text kinds.</summary>
    private const int SampleBytes = 16 * 1024;

    /// <summary>True for kinds the converter reads as a table.</summary>
    public static bool IsTable(MediaKind kind) => kind is MediaKind.Xlsx or MediaKind.Xls or MediaKind.Csv or MediaKind.Tsv;

    /// <summary>The usual file extension of a kind (with dot), e.g. for naming a stored file.</summary>
    public static string Extension(MediaKind kind) => kind switch
    {
        MediaKind.Xlsx => ".xlsx",
        MediaKind.Zip => ".zip",
        MediaKind.Xls => ".xls",
        MediaKind.Csv => ".csv",
        MediaKind.Tsv => ".tsv",
        MediaKind.Text => ".txt",
        MediaKind.Html => ".html",
        MediaKind.Json => ".json",
        MediaKind.JsonLd => ".jsonld",
        MediaKind.Xml => ".xml",
        MediaKind.RdfXml => ".rdf",
        MediaKind.Turtle => ".ttl",
        MediaKind.Pdf => ".pdf",
        MediaKind.Gzip => ".gz",
        _ => ".bin",
    };

    /// <summary>Sniffs a file: its first bytes, and for a ZIP its entry list, for an OLE file its stream names.</summary>
    public static MediaKind Sniff(string path)
    {
        byte[] head;
        long size;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            size = fs.Length;
            head = new byte[(int)Math.Min(size, SampleBytes)];
            head = head[..fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }
        var kind = SniffBytes(head, head.Length >= size);
        return kind switch
        {
            MediaKind.Zip => IsXlsxZip(path) ? MediaKind.Xlsx : MediaKind.Zip,
            MediaKind.Xls => HasWorkbookStream(path) ? MediaKind.Xls : MediaKind.Unknown,
            _ => kind,
        };
    }

    /// <summary>
    /// Sniffs the first bytes of a body. A ZIP is reported as <see cref="MediaKind.Zip"/> and an OLE file as
    /// <see cref="MediaKind.Xls"/> without looking inside (use <see cref="Sniff(string)"/> on the file for that).
    /// </summary>
    public static MediaKind SniffBytes(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.IsEmpty) return MediaKind.Unknown;
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8)) return MediaKind.Zip;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return MediaKind.Xls;
        if (head.StartsWith("%PDF-"u8)) return MediaKind.Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return MediaKind.Gzip;

        EncodingDetector.EnsureRegistered();
        var enc = EncodingDetector.Detect(head, complete);
        var text = enc.Encoding.GetString(head[enc.BomLength..]);
        if (LooksBinary(text)) return MediaKind.Unknown;
        var t = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (t.IsEmpty) return MediaKind.Text;

        if (t[0] is '{' or '[' && IsJson(head[enc.BomLength..], complete, enc.Encoding))
            return text.Contains("\"@context\"", StringComparison.Ordinal) ? MediaKind.JsonLd : MediaKind.Json;
        if (t[0] == '<')
        {
            if (IsTurtleIriStart(t)) return MediaKind.Turtle;
            return Markup(t);
        }
        if (IsTurtle(t)) return MediaKind.Turtle;
        return Delimited(t);
    }

    private static bool LooksBinary(string text)
    {
        var control = 0;
        foreach (var c in text)
            if (c == '\0' || (c < ' ' && c is not ('\t' or '\r' or '\n' or '\f' or '\v' or '\x1A'))) control++;
        return control * 100 > text.Length + 1;
    }

    private static bool IsJson(ReadOnlySpan<byte> bytes, bool complete, Encoding encoding)
    {
        byte[]? transcoded = null;
        if (encoding is not UTF8Encoding && encoding.CodePage != 65001)
        {
            transcoded = Encoding.UTF8.GetBytes(encoding.GetString(bytes));
            bytes = transcoded;
        }
        var reader = new Utf8JsonReader(bytes, isFinalBlock: complete, new JsonReaderState(new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            var tokens = 0;
            while (reader.Read()) tokens++;
            // An incomplete sample ends mid-value; what was read parsed as JSON.
            return tokens > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Turtle that starts with a subject IRI: &lt;http://…&gt; followed by a predicate.</summary>
    private static bool IsTurtleIriStart(ReadOnlySpan<char> t)
    {
        var close = t.IndexOf('>');
        if (close < 2) return false;
        var iri = t[1..close];
        if (iri.IndexOfAny(" \t\r\n\"<") >= 0) return false;
        if (!iri.Contains(':') && !iri.StartsWith("#") && !iri.StartsWith("/")) return false;
        var rest = t[(close + 1)..];
        if (rest.IsEmpty || !char.IsWhiteSpace(rest[0])) return false;
        rest = rest.TrimStart();
        return rest.StartsWith("<") || rest.StartsWith("a ") || rest.StartsWith("a\t") || rest.StartsWith("a\n")
            || (rest.IndexOf(':') is > 0 and < 40 && rest[..rest.IndexOf(':')].IndexOfAny(" \t\r\n<>\"") < 0);
    }

    private static bool IsTurtle(ReadOnlySpan<char> t)
    {
        // Skip comment lines, then look for a directive or a blank-node subject.
        while (t.StartsWith("#"))
        {
            var nl = t.IndexOf('\n');
            if (nl < 0) return false;
            t = t[(nl + 1)..].TrimStart();
        }
        if (t.StartsWith("@prefix", StringComparison.Ordinal) || t.StartsWith("@base", StringComparison.Ordinal)) return true;
        if ((t.StartsWith("PREFIX ", StringComparison.OrdinalIgnoreCase) || t.StartsWith("BASE ", StringComparison.OrdinalIgnoreCase))
            && (t.Contains('<'))) return true;
        if (t.StartsWith("<")) return IsTurtleIriStart(t);
        return t.StartsWith("_:") && t.IndexOfAny(" \t") is > 2 and < 80;
    }

    private static MediaKind Markup(ReadOnlySpan<char> t)
    {
        var window = t[..Math.Min(t.Length, 4096)];
        if (window.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)) return MediaKind.Html;
        var root = RootElement(t);
        if (root is null)
        {
            return window.Contains("<html", StringComparison.OrdinalIgnoreCase) || window.Contains("<body", StringComparison.OrdinalIgnoreCase)
                ? MediaKind.Html : MediaKind.Text;
        }
        if (root.Equals("html", StringComparison.OrdinalIgnoreCase) || root.Equals("head", StringComparison.OrdinalIgnoreCase)
            || root.Equals("body", StringComparison.OrdinalIgnoreCase)) return MediaKind.Html;
        if (root.EndsWith(":RDF", StringComparison.Ordinal) || root == "RDF"
            || window.Contains("http://www.w3.org/1999/02/22-rdf-syntax-ns#", StringComparison.Ordinal)) return MediaKind.RdfXml;
        return MediaKind.Xml;
    }

    /// <summary>The name of the first element after the XML declaration, comments, processing instructions and DOCTYPE.</summary>
    private static string? RootElement(ReadOnlySpan<char> t)
    {
        var i = 0;
        while (i < t.Length)
        {
            var rest = t[i..].TrimStart();
            i = t.Length - rest.Length;
            if (rest.IsEmpty || rest[0] != '<') return null;
            if (rest.StartsWith("<?") || rest.StartsWith("<!"))
            {
                var end = rest.StartsWith("<!--") ? rest.IndexOf("-->") + 3 : rest.IndexOf('>') + 1;
                if (end <= 0) return null;
                i += end;
                continue;
            }
            var name = rest[1..];
            var stop = name.IndexOfAny(" \t\r\n/>");
            return stop <= 0 ? null : name[..stop].ToString();
        }
        return null;
    }

    /// <summary>CSV or TSV when the first lines split into the same number (≥ 2) of fields; else plain text.</summary>
    private static MediaKind Delimited(ReadOnlySpan<char> t)
    {
        int lines = 0, tabLines = 0, commaLines = 0;
        int? tabCols = null, commaCols = null;
        bool tabSame = true, commaSame = true;
        foreach (var raw in t.EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty) continue;
            if (++lines > 30) break;
            var tabs = line.Count('\t');
            var commas = CountOutsideQuotes(line, ',');
            if (tabs > 0) tabLines++;
            if (commas > 0) commaLines++;
            if (tabs > 0) tabSame &= (tabCols ??= tabs) == tabs;
            if (commas > 0) commaSame &= (commaCols ??= commas) == commas;
        }
        if (lines == 0) return MediaKind.Text;
        // Title rows and footnotes have fewer fields: a table needs most lines delimited, not all equal.
        if (tabLines * 2 > lines && (tabSame || tabLines * 4 >= lines * 3) && tabLines >= commaLines) return MediaKind.Tsv;
        if (commaLines * 2 > lines && (commaSame || commaLines * 4 >= lines * 3)) return MediaKind.Csv;
        if (lines == 1 && commaLines == 1) return MediaKind.Csv;
        return MediaKind.Text;
    }

    private static int CountOutsideQuotes(ReadOnlySpan<char> line, char delimiter)
    {
        var n = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) n++;
        }
        return n;
    }

    private static bool IsXlsxZip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var e in zip.Entries)
            {
                if (e.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)
                    || e.FullName.Equals("xl/workbook.bin", StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>An OLE compound file holds an Excel workbook when its directory names a "Workbook" (BIFF8) or "Book" (BIFF5) stream.</summary>
    private static bool HasWorkbookStream(string path)
    {
        ReadOnlySpan<byte> workbook = "W\0o\0r\0k\0b\0o\0o\0k\0"u8;
        ReadOnlySpan<byte> book = "B\0o\0o\0k\0\0\0"u8;
        const int chunk = 1 << 20;
        const long scanLimit = 64L * 1024 * 1024;
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[chunk + 32];
        long read = 0;
        var carry = 0;
        while (read < scanLimit)
        {
            var n = fs.ReadAtLeast(buffer.AsSpan(carry, chunk), chunk, throwOnEndOfStream: false);
            if (n == 0) break;
            var span = buffer.AsSpan(0, carry + n);
            if (span.IndexOf(workbook) >= 0 || span.IndexOf(book) >= 0) return true;
            carry = Math.Min(16, span.Length);
            span[^carry..].CopyTo(buffer);
            read += n;
        }
        return false;
    }
}
