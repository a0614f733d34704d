namespace Musubi.Read;

/// <summary>Opens any supported input file (CSV, TSV, XLSX, XLS) and returns the tables it holds.</summary>
public static class TableReader
{
    /// <summary>Bytes sampled from the start of a text file to detect encoding, delimiter and non-table content.</summary>
    internal const int SampleBytes = 64 * 1024;

    /// <summary>
    /// Opens <paramref name="path"/> and returns each table with data (one for CSV/TSV, one per sheet with data for workbooks).
    /// Throws <see cref="InputException"/> when the file cannot be read at all.
    /// </summary>
    public static IReadOnlyList<RawTable> Open(string path, ReadOptions? options = null)
    {
        options ??= new ReadOptions();
        EncodingDetector.EnsureRegistered();
        try
        {
            return OpenCore(path, options);
        }
        catch (InputException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(path, $"cannot be opened: {e.Message}", inner: e);
        }
    }

    private static IReadOnlyList<RawTable> OpenCore(string path, ReadOptions options)
    {
        if (Directory.Exists(path)) throw new InputException(path, "is a folder, not a file");
        var info = new FileInfo(path);
        if (!info.Exists) throw new InputException(path, "file not found");
        var size = info.Length;
        var limits = options.Limits;
        if (size > limits.InputBytes)
            throw ReadLimits.Exceeded(path, "input-bytes", limits.InputBytes, $"is {size:N0} bytes");
        if (size == 0) throw new InputException(path, "is empty");

        var sample = ReadSample(path, (int)Math.Min(size, SampleBytes));
        var complete = sample.Length >= size;
        var ext = Path.GetExtension(path).ToLowerInvariant();

        // Binary containers first: the content decides, not the name.
        if (sample.AsSpan().StartsWith("PK\x03\x04"u8) || sample.AsSpan().StartsWith("PK\x05\x06"u8))
        {
            var kind = ExcelSource.InspectZip(path, size, limits);
            if (kind != ExcelSource.ZipKind.Other)
            {
                var note = ext is ".xlsx" or ".xlsm" or ".xlsb" ? null : $"file named {ext} is an XLSX workbook; read as XLSX";
                return kind == ExcelSource.ZipKind.Xlsx ? XlsxSource.Open(path, note, limits) : ExcelSource.Open(path, "xlsx", note, limits);
            }
            throw new InputException(path, ext is ".csv" or ".tsv" or ".txt" ? "is a ZIP archive, not a CSV" : "is a ZIP archive, not a table");
        }
        if (sample.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            var note = ext == ".xls" ? null : $"file named {ext} is an XLS workbook; read as XLS";
            return ExcelSource.Open(path, "xls", note, limits);
        }
        if (sample.AsSpan().StartsWith("%PDF"u8)) throw new InputException(path, "is a PDF document, not a table");
        if (sample.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) throw new InputException(path, "is a gzip archive, not a table");

        var enc = options.Encoding is { Length: > 0 } forced
            ? EncodingDetector.FromName(path, forced, sample)
            : EncodingDetector.Detect(sample, complete);
        if (options.Encoding is not { Length: > 0 } && !complete && enc.BomLength == 0 && System.Text.Ascii.IsValid(sample))
        {
            // An ASCII-only start says nothing about the encoding: look at the first non-ASCII bytes further on.
            var later = SampleFirstNonAscii(path, sample.Length, size);
            if (later is not null) enc = EncodingDetector.Detect(later.Value.Bytes, later.Value.Complete);
        }
        var text = enc.Encoding.GetString(sample, enc.BomLength, sample.Length - enc.BomLength);
        CheckTextIsTable(path, text, ext, complete);

        var table = CsvSource.Open(path, text, enc, limits) ?? throw new InputException(path, "is empty (no non-blank rows)");
        return [table];
    }

    /// <summary>Bytes from the first non-ASCII byte on (within the first 64 MB), for encoding detection.</summary>
    private static (byte[] Bytes, bool Complete)? SampleFirstNonAscii(string path, long from, long size)
    {
        const long scanLimit = 64L * 1024 * 1024;
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        fs.Position = from;
        var chunk = new byte[1 << 20];
        long pos = from;
        while (pos < size && pos < scanLimit)
        {
            var n = fs.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (n == 0) break;
            var i = chunk.AsSpan(0, n).IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (i >= 0)
            {
                fs.Position = pos + i;
                var window = new byte[(int)Math.Min(SampleBytes, size - (pos + i))];
                var read = fs.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
                return (window[..read], pos + i + read >= size);
            }
            pos += n;
        }
        return null;
    }

    private static byte[] ReadSample(string path, int length)
    {
        var buffer = new byte[length];
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var read = fs.ReadAtLeast(buffer, length, throwOnEndOfStream: false);
        return read == length ? buffer : buffer[..read];
    }

    private static void CheckTextIsTable(string path, string text, string ext, bool complete)
    {
        var t = text.AsSpan().TrimStart();
        if (t.IsEmpty)
        {
            if (complete) throw new InputException(path, "is empty (only blank lines)");
            return;
        }
        if (t.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || t.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (t.StartsWith("<head", StringComparison.OrdinalIgnoreCase)))
            throw new InputException(path, "is an HTML page, not a table");
        if (t.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            throw new InputException(path, "is an XML document, not a table");
        if (t[0] == '{' || (t[0] == '[' && ext == ".json"))
            throw new InputException(path, "is a JSON document, not a table");

        // Control characters (other than tab and line breaks) and replacement characters mean binary data or a wrong encoding.
        int control = 0, replacement = 0;
        foreach (var c in text)
        {
            if (c < ' ' && c is not ('\t' or '\r' or '\n' or '\f' or '\v' or '\x1A')) control++;
            else if (c == '\uFFFD') replacement++;
        }
        if (text.Contains('\0') || control * 100 > text.Length || replacement * 10 > text.Length)
            throw new InputException(path, "is a binary file (or in an unknown encoding), not a text table");
    }
}
