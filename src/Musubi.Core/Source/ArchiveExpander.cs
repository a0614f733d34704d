using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Musubi.Source;

/// <summary>Caps for opening a ZIP archive of tables (defaults suit municipal archives and stop zip bombs).</summary>
public sealed record ArchiveLimits
{
    /// <summary>Entries listed in one archive (files and folders). Default 10,000.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Tables taken from one archive, nested archives included. Default 1,000.</summary>
    public int MaxTables { get; init; } = 1_000;

    /// <summary>Bytes written for all entries together (nested archives included). Default 2 GiB.</summary>
    public long MaxTotalBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Bytes written for one entry. Default 1 GiB.</summary>
    public long MaxEntryBytes { get; init; } = 1L * 1024 * 1024 * 1024;

    /// <summary>Largest decompressed/compressed ratio of one entry once it is past 1 MiB. Default 200.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Archives inside archives that are opened. Default 1 (a zip inside the zip; deeper ones are skipped with a warning).</summary>
    public int MaxNestingDepth { get; init; } = 1;
}

public enum ArchiveFailureReason
{
    /// <summary>Not a readable ZIP (damaged, truncated, unsupported compression).</summary>
    Damaged,
    TooManyEntries,

    /// <summary>Total decompressed size above <see cref="ArchiveLimits.MaxTotalBytes"/>.</summary>
    TooLarge,

    /// <summary>One entry above <see cref="ArchiveLimits.MaxEntryBytes"/>.</summary>
    EntryTooLarge,

    /// <summary>An entry expands more than <see cref="ArchiveLimits.MaxCompressionRatio"/> times: a zip bomb.</summary>
    CompressionRatio,
    LocalIo,
}

public sealed record ArchiveFailure(ArchiveFailureReason Reason, string Message)
{
    public override string ToString() => $"{Reason}: {Message}";
}

/// <summary>One table taken out of an archive. <see cref="Name"/> is sanitized ("folder/表.csv"; "inner.zip/x.csv" when nested).</summary>
public sealed record ArchiveEntry(string Name, string TempFilePath, long Length, MediaKind Kind, string Sha256, DateTimeOffset? Modified);

/// <summary>The tables of an archive, or a typed failure (then no temporary file is left).</summary>
public sealed record ArchiveExpansion
{
    public required IReadOnlyList<ArchiveEntry> Entries { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public ArchiveFailure? Failure { get; init; }

    public bool IsOk => Failure is null;

    /// <summary>Deletes the entries' temporary files.</summary>
    public void DeleteTempFiles()
    {
        foreach (var e in Entries)
        {
            if (e.TempFilePath.Length == 0) continue;
            try
            {
                File.Delete(e.TempFilePath);
            }
            catch (Exception x) when (x is IOException or UnauthorizedAccessException)
            {
                // Best effort; the job's temporary folder is removed as a whole.
            }
        }
    }
}

/// <summary>
/// Opens a ZIP of tables: each CSV/TSV/XLSX/XLS entry (and those of ZIPs inside it, one level deep) is copied to a
/// temporary file with a bounded copy — the caps are enforced on the bytes actually written, never on declared sizes.
/// Entry names are sanitized (no path traversal) and decoded as UTF-8 or CP932 when the UTF-8 flag is missing.
/// </summary>
public static class ArchiveExpander
{
    private static readonly string[] TableExtensions = [".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls"];

    /// <summary>Takes every table out of <paramref name="zipPath"/> into <paramref name="tempDirectory"/>.</summary>
    public static ArchiveExpansion Expand(string zipPath, string tempDirectory, ArchiveLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var walk = new Walk(limits ?? new ArchiveLimits(), tempDirectory, Path.GetFileName(zipPath), extract: true, cancellationToken);
        return walk.Run(zipPath);
    }

    /// <summary>
    /// The sanitized names of the tables in <paramref name="zipPath"/> without extracting them (a nested ZIP is
    /// extracted to <paramref name="tempDirectory"/> for a moment to list it). Same names as <see cref="Expand"/>.
    /// </summary>
    public static ArchiveExpansion List(string zipPath, string tempDirectory, ArchiveLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var walk = new Walk(limits ?? new ArchiveLimits(), tempDirectory, Path.GetFileName(zipPath), extract: false, cancellationToken);
        return walk.Run(zipPath);
    }

    /// <summary>
    /// A ZIP entry name made safe to show and to use as a relative key: forward slashes, no empty, "." or ".." segments,
    /// no control characters or characters Windows forbids in file names.
    /// </summary>
    public static string SanitizeName(string raw)
    {
        var segments = new List<string>();
        foreach (var part in raw.Replace('\\', '/').Split('/'))
        {
            var sb = new StringBuilder(part.Length);
            foreach (var c in part)
            {
                if (c < ' ' || c == '\x7F' || c is '<' or '>' or ':' or '"' or '|' or '?' or '*') continue;
                sb.Append(c);
            }
            var s = sb.ToString().Trim().TrimEnd('.');
            if (s.Length == 0 || s == "." || s == "..") continue;
            segments.Add(s);
        }
        return segments.Count == 0 ? "entry" : string.Join('/', segments);
    }

    private sealed class Walk(ArchiveLimits limits, string tempDirectory, string displayName, bool extract, CancellationToken cancellationToken)
    {
        private readonly List<ArchiveEntry> _entries = [];
        private readonly List<string> _warnings = [];
        private long _total;

        public ArchiveExpansion Run(string zipPath)
        {
            ArchiveFailure? failure;
            try
            {
                Directory.CreateDirectory(tempDirectory);
                failure = Open(zipPath, prefix: "", depth: 0, displayName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = new(ArchiveFailureReason.LocalIo, $"{displayName}: {e.Message}");
            }
            var result = new ArchiveExpansion { Entries = _entries.ToArray(), Warnings = _warnings.ToArray(), Failure = failure };
            if (failure is not null)
            {
                result.DeleteTempFiles();
                return result with { Entries = [] };
            }
            return result;
        }

        private ArchiveFailure? Open(string zipPath, string prefix, int depth, string label)
        {
            ZipArchive zip;
            try
            {
                zip = ZipFile.Open(zipPath, ZipArchiveMode.Read, ZipNameEncoding.Instance);
            }
            catch (InvalidDataException e)
            {
                return new(ArchiveFailureReason.Damaged, $"{label}: not a readable ZIP archive ({e.Message})");
            }
            using (zip)
            {
                var count = zip.Entries.Count;
                if (count > limits.MaxEntries)
                    return new(ArchiveFailureReason.TooManyEntries, $"{label}: {count:N0} entries; more than {limits.MaxEntries:N0} is refused");
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in zip.Entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\')) continue;
                    var name = SanitizeName(entry.FullName);
                    var leaf = name[(name.LastIndexOf('/') + 1)..];
                    if (name.StartsWith("__MACOSX/", StringComparison.Ordinal) || leaf.StartsWith("._", StringComparison.Ordinal)
                        || leaf is ".DS_Store" or "Thumbs.db" or "desktop.ini") continue;
                    var ext = Path.GetExtension(leaf).ToLowerInvariant();
                    var nested = ext == ".zip";
                    if (!nested && Array.IndexOf(TableExtensions, ext) < 0) continue;
                    var full = prefix + name;
                    if (!seen.Add(full))
                    {
                        _warnings.Add($"{label}: entry “{full}” appears twice; the first is used");
                        continue;
                    }
                    if (entry.IsEncrypted)
                    {
                        _warnings.Add($"{label}: entry “{full}” is encrypted; skipped");
                        continue;
                    }
                    if (nested && depth >= limits.MaxNestingDepth)
                    {
                        _warnings.Add($"{label}: “{full}” is an archive nested deeper than {limits.MaxNestingDepth}; skipped");
                        continue;
                    }
                    if (!nested && !extract)
                    {
                        if (_entries.Count >= limits.MaxTables) return TooManyTables(label);
                        // Listing does not inflate entries, so only the declared sizes can refuse here (Expand checks the real bytes).
                        if (DeclaredRefusal(entry, full, label) is { } refusal) return refusal;
                        // Listing reads only the first bytes of each entry to tell tables from notes.
                        var head = Head(entry);
                        var headKind = head is null ? MediaKind.Unknown : MediaSniffer.SniffBytes(head, head.Length < 16 * 1024);
                        if (headKind == MediaKind.Zip && ext is ".xlsx" or ".xlsm") headKind = MediaKind.Xlsx;
                        if (head is null || !AcceptTable(ext, headKind)) continue;
                        if (headKind is MediaKind.Text) headKind = KindFromExtension(ext);
                        _entries.Add(new ArchiveEntry(full, "", entry.Length, headKind, "", entry.LastWriteTime));
                        continue;
                    }
                    if (_entries.Count >= limits.MaxTables) return TooManyTables(label);

                    var copied = Copy(entry, full, label, nested ? ".zip" : ext, out var failure);
                    if (failure is not null) return failure;
                    if (copied is null) continue;
                    if (nested)
                    {
                        try
                        {
                            var inner = Open(copied.Value.Path, full + "/", depth + 1, $"{label}/{full}");
                            if (inner is not null) return inner;
                        }
                        finally
                        {
                            TryDelete(copied.Value.Path);
                        }
                        continue;
                    }

                    var kind = MediaSniffer.Sniff(copied.Value.Path);
                    if (!AcceptTable(ext, kind))
                    {
                        TryDelete(copied.Value.Path);
                        if (ext != ".txt") _warnings.Add($"{label}: “{full}” is named {ext} but holds {kind}; skipped");
                        continue;
                    }
                    if (kind is MediaKind.Text) kind = ext == ".tsv" ? MediaKind.Tsv : MediaKind.Csv;
                    _entries.Add(new ArchiveEntry(full, copied.Value.Path, copied.Value.Length, kind, copied.Value.Sha256, entry.LastWriteTime));
                }
            }
            return null;
        }

        private ArchiveFailure? DeclaredRefusal(ZipArchiveEntry entry, string name, string label)
        {
            if (entry.Length > limits.MaxEntryBytes)
                return new(ArchiveFailureReason.EntryTooLarge, $"{label}: “{name}” declares {entry.Length:N0} bytes; the limit per entry is {limits.MaxEntryBytes:N0}");
            _total += entry.Length;
            if (_total > limits.MaxTotalBytes)
                return new(ArchiveFailureReason.TooLarge, $"{label}: the archive declares more than {limits.MaxTotalBytes:N0} bytes; refused");
            if (entry.Length > 1 << 20 && entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
                return new(ArchiveFailureReason.CompressionRatio,
                    $"{label}: “{name}” declares {entry.Length:N0} bytes from {entry.CompressedLength:N0} compressed; refused as a zip bomb");
            return null;
        }

        private ArchiveFailure TooManyTables(string label) =>
            new(ArchiveFailureReason.TooManyEntries, $"{label}: more than {limits.MaxTables:N0} tables; refused");

        private static byte[]? Head(ZipArchiveEntry entry)
        {
            try
            {
                using var s = entry.Open();
                var buffer = new byte[16 * 1024];
                var n = s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                return buffer[..n];
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }

        private static bool AcceptTable(string ext, MediaKind kind) => ext switch
        {
            ".txt" => kind is MediaKind.Csv or MediaKind.Tsv,
            // A one-column CSV has no delimiter and sniffs as text; an OLE head is taken for .xls on the name's word.
            _ => MediaSniffer.IsTable(kind) || kind is MediaKind.Text || (ext == ".xls" && kind == MediaKind.Xls),
        };

        private static MediaKind KindFromExtension(string ext) => ext switch
        {
            ".csv" or ".txt" => MediaKind.Csv,
            ".tsv" => MediaKind.Tsv,
            ".xlsx" or ".xlsm" => MediaKind.Xlsx,
            ".xls" => MediaKind.Xls,
            _ => MediaKind.Unknown,
        };

        /// <summary>Bounded copy of one entry; the caps apply to the bytes actually produced by the decompressor.</summary>
        private (string Path, long Length, string Sha256)? Copy(ZipArchiveEntry entry, string name, string label, string ext, out ArchiveFailure? failure)
        {
            failure = null;
            // A declared size may only refuse early; acceptance is decided while copying.
            if (entry.Length > limits.MaxEntryBytes)
            {
                failure = new(ArchiveFailureReason.EntryTooLarge, $"{label}: “{name}” declares {entry.Length:N0} bytes; the limit per entry is {limits.MaxEntryBytes:N0}");
                return null;
            }
            var path = Path.Combine(tempDirectory, $"musubi-zip-{Guid.NewGuid():N}{ext}");
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            long written = 0;
            var ok = false;
            try
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                Stream source;
                try
                {
                    source = entry.Open();
                }
                catch (InvalidDataException e)
                {
                    _warnings.Add($"{label}: “{name}” cannot be opened ({e.Message}); skipped");
                    return null;
                }
                using (source)
                using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    var compressed = Math.Max(1, entry.CompressedLength);
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        int n;
                        try
                        {
                            n = source.Read(buffer, 0, buffer.Length);
                        }
                        catch (InvalidDataException e)
                        {
                            failure = new(ArchiveFailureReason.Damaged, $"{label}: “{name}” is damaged ({e.Message})");
                            return null;
                        }
                        if (n == 0) break;
                        written += n;
                        _total += n;
                        if (written > limits.MaxEntryBytes)
                        {
                            failure = new(ArchiveFailureReason.EntryTooLarge, $"{label}: “{name}” expands beyond {limits.MaxEntryBytes:N0} bytes; refused");
                            return null;
                        }
                        if (_total > limits.MaxTotalBytes)
                        {
                            failure = new(ArchiveFailureReason.TooLarge, $"{label}: the archive expands beyond {limits.MaxTotalBytes:N0} bytes; refused");
                            return null;
                        }
                        if (written > 1 << 20 && written / compressed > limits.MaxCompressionRatio)
                        {
                            failure = new(ArchiveFailureReason.CompressionRatio,
                                $"{label}: “{name}” expands more than {limits.MaxCompressionRatio} times ({compressed:N0} bytes compressed); refused as a zip bomb");
                            return null;
                        }
                        hash.AppendData(buffer, 0, n);
                        target.Write(buffer, 0, n);
                    }
                }
                ok = true;
                return (path, written, System.Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                if (!ok) TryDelete(path);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
