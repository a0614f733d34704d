using System.Text;
using nietras.SeparatedValues;

namespace Musubi.Address;

/// <summary>
/// Normalizes one column of a CSV file (UTF-8, else CP932) row by row, in input order. Rows are processed in blocks
/// spread over <c>threads</c> workers; results are handed back in order.
/// </summary>
public static class AddressCsvBatch
{
    /// <summary>UTF-8 (with or without BOM) when the start of the file decodes as UTF-8, else CP932 (Shift_JIS).</summary>
    public static Encoding DetectEncoding(string path)
    {
        var buf = new byte[1 << 20];
        int read;
        using (var fs = File.OpenRead(path)) read = fs.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        var span = buf.AsSpan(0, read);
        if (span.StartsWith("\uFEFF"u8)) return new UTF8Encoding(false);
        // Cut a possibly partial last character before checking.
        var end = span.Length;
        if (read == buf.Length) { while (end > 0 && (span[end - 1] & 0xC0) == 0x80) end--; if (end > 0) end--; }
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(span[..end]);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(932);
        }
    }

    /// <summary>Counts data rows (for a progress bar); cheap compared to normalizing.</summary>
    public static long CountRows(string path, Encoding encoding)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(new StreamReader(path, encoding, true));
        long n = 0;
        foreach (var _ in reader) n++;
        return n;
    }

    /// <summary>
    /// Reads <paramref name="column"/> (header name) and calls <paramref name="onResult"/> for each row in order.
    /// Throws InvalidDataException when the column is missing.
    /// </summary>
    public static long Run(string path, string column, AddressNormalizer normalizer, Action<AddressResult> onResult,
        Action<long>? progress = null, int threads = 1, string? hintColumn = null)
    {
        var encoding = DetectEncoding(path);
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(new StreamReader(path, encoding, true));
        var names = reader.Header.ColNames;
        var col = IndexOf(names, column) ?? throw new InvalidDataException($"{path}: no column '{column}' (columns: {string.Join(", ", names)})");
        int? hintCol = hintColumn is null ? null : IndexOf(names, hintColumn) ?? throw new InvalidDataException($"{path}: no column '{hintColumn}'");
        const int Block = 4096;
        var texts = new List<string>(Block);
        var hints = new List<string?>(Block);
        var results = new AddressResult[Block];
        long done = 0;
        void Flush()
        {
            var count = texts.Count;
            if (threads <= 1) for (var i = 0; i < count; i++) results[i] = normalizer.Normalize(texts[i], hints[i]);
            else Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => results[i] = normalizer.Normalize(texts[i], hints[i]));
            for (var i = 0; i < count; i++) onResult(results[i]);
            done += count;
            progress?.Invoke(done);
            texts.Clear();
            hints.Clear();
        }
        foreach (var row in reader)
        {
            texts.Add(col < row.ColCount ? row[col].ToString() : "");
            hints.Add(hintCol is int h && h < row.ColCount ? row[h].ToString() : null);
            if (texts.Count == Block) Flush();
        }
        Flush();
        return done;
    }

    private static int? IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i].Trim().TrimStart('\uFEFF'), name.Trim(), StringComparison.Ordinal)) return i;
        return null;
    }
}
