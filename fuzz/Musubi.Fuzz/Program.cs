using System.IO.Compression;
using System.Text;
using Musubi.Read;
using SharpFuzz;

namespace Musubi.Fuzz;

/// <summary>
/// SharpFuzz targets for the readers (issue 11), run under afl-fuzz by scripts/fuzz/sharpfuzz.sh (docs/fuzzing.md).
/// Each target reads one input with the configured limits (the defaults, then MUSUBI_LIMIT_* as in the CLI) and accepts
/// only the documented outcomes: the tables with every row as wide as its header, or a one-line
/// <see cref="InputException"/> that names the file. Anything else (another exception, a multi-line message, more than
/// <see cref="AllocationBudget"/> allocated) escapes as a crash for afl-fuzz to keep.
///   Musubi.Fuzz TARGET            run under afl-fuzz (input on stdin, persistent mode)
///   Musubi.Fuzz TARGET FILE...    replay files once each and print the outcome (exit 1 on a crash); use an
///                                 uninstrumented build for this (instrumented code runs only under afl-fuzz)
/// </summary>
public static class Program
{
    /// <summary>Bytes one case may allocate (the issue's 500 MB peak, on allocation rather than RSS).</summary>
    private const long AllocationBudget = 500L << 20;

    private static readonly string[] Targets = ["csv", "xlsx", "xlsx-parts", "encoding"];

    private static string _dir = "";

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.Contains(args[0]))
        {
            Console.Error.WriteLine($"usage: Musubi.Fuzz {string.Join('|', Targets)} [FILE...]");
            return 2;
        }
        var target = args[0];
        _dir = Directory.CreateTempSubdirectory("musubi-fuzz-").FullName;
        try
        {
            if (args.Length == 1)
            {
                // Instrumented code may run only inside Fuzzer.Run (its coverage map exists from there on).
                ReadOptions? fuzzOptions = null;
                Fuzzer.Run(stream => Run(target, ReadAll(stream), fuzzOptions ??= new ReadOptions { Limits = ConfiguredLimits() }));
                return 0;
            }
            var options = new ReadOptions { Limits = ConfiguredLimits() };
            var crashes = 0;
            foreach (var file in args.Skip(1))
            {
                try
                {
                    Console.WriteLine($"{file}: {Run(target, File.ReadAllBytes(file), options)}");
                }
                catch (Exception e)
                {
                    crashes++;
                    Console.WriteLine($"{file}: CRASH {e.GetType().FullName}: {e.Message.ReplaceLineEndings(" ")}");
                    Console.WriteLine(e.StackTrace);
                }
            }
            return crashes == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>The defaults, then MUSUBI_LIMIT_NAME variables (the CLI's rule, src/Musubi.Cli/Commands/ReadSettings.cs).</summary>
    private static ReadLimits ConfiguredLimits()
    {
        var limits = ReadLimits.Default;
        foreach (var name in ReadLimits.Names)
        {
            var value = Environment.GetEnvironmentVariable("MUSUBI_LIMIT_" + name.ToUpperInvariant().Replace('-', '_'));
            if (value is not null && !limits.TryWith(name, value, out limits))
                throw new ArgumentException($"MUSUBI_LIMIT_{name}: not a positive integer");
        }
        return limits;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>One case; returns what happened (for replay), throws on anything that is not a documented outcome.</summary>
    private static string Run(string target, byte[] input, ReadOptions options)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = target switch
        {
            "csv" => ReadFile(input, ".csv", options),
            "xlsx" => ReadFile(input, ".xlsx", options),
            "xlsx-parts" => ReadFile(Workbook(input), ".xlsx", options),
            _ => Encodings(input),
        };
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > AllocationBudget)
            throw new FuzzFailure($"allocated {allocated:N0} bytes for a {input.Length:N0}-byte input");
        return outcome;
    }

    private static string ReadFile(byte[] bytes, string extension, ReadOptions options)
    {
        var path = Path.Combine(_dir, "input" + extension);
        File.WriteAllBytes(path, bytes);
        try
        {
            long rows = 0;
            var tables = TableReader.Open(path, options);
            foreach (var t in tables)
            {
                using (t)
                {
                    foreach (var r in t.Rows)
                    {
                        if (r.Cells.Length != t.Header.Count)
                            throw new FuzzFailure($"row {r.RowNumber} has {r.Cells.Length} cells under a header of {t.Header.Count}");
                        rows++;
                    }
                }
            }
            return $"read {tables.Count} table(s), {rows} row(s)";
        }
        catch (InputException e)
        {
            if (e.Message.Contains('\n') || e.Message.Contains('\r')) throw new FuzzFailure("multi-line error: " + e.Message);
            if (!e.Message.StartsWith(Path.GetFileName(path), StringComparison.Ordinal)) throw new FuzzFailure("error does not name the file: " + e.Message);
            if (e.Limit is not null && !e.Message.Contains($"over the limit {e.Limit}=", StringComparison.Ordinal))
                throw new FuzzFailure("limit error does not name the limit: " + e.Message);
            return "refused: " + e.Message;
        }
    }

    /// <summary>The encoding detector on the whole input and on a cut sample, then a decode with what it chose.</summary>
    private static string Encodings(byte[] input)
    {
        EncodingDetector.EnsureRegistered();
        var whole = EncodingDetector.Detect(input, complete: true);
        _ = whole.Encoding.GetString(input, whole.BomLength, input.Length - whole.BomLength);
        var cut = input.AsSpan(0, input.Length * 2 / 3);
        var part = EncodingDetector.Detect(cut, complete: false);
        _ = part.Encoding.GetString(cut[part.BomLength..]);
        return $"{whole.Name} (first two thirds: {part.Name})";
    }

    /// <summary>Separates the parts of an xlsx-parts input: sheet XML, then shared strings, then styles.</summary>
    internal static readonly byte[] PartSeparator = "\n--musubi-part--\n"u8.ToArray();

    /// <summary>
    /// A valid container around fuzzed XML, so afl-fuzz spends its time in the sheet, shared-string and style readers
    /// rather than on ZIP checksums: the input is split at <see cref="PartSeparator"/> into xl/worksheets/sheet1.xml,
    /// xl/sharedStrings.xml and xl/styles.xml (missing parts are left out), stored uncompressed.
    /// </summary>
    private static byte[] Workbook(byte[] input)
    {
        var parts = new List<byte[]>();
        var rest = input.AsSpan();
        while (parts.Count < 2 && rest.IndexOf(PartSeparator) is var i and >= 0)
        {
            parts.Add(rest[..i].ToArray());
            rest = rest[(i + PartSeparator.Length)..];
        }
        parts.Add(rest.ToArray());
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, ReadOnlySpan<byte> content)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(content);
            }
            var rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
                .Append("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>");
            if (parts.Count > 1) rels.Append("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            if (parts.Count > 2) rels.Append("<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
            rels.Append("</Relationships>");
            Add("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"u8);
            Add("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"u8);
            Add("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"u8);
            Add("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(rels.ToString()));
            Add("xl/worksheets/sheet1.xml", parts[0]);
            if (parts.Count > 1) Add("xl/sharedStrings.xml", parts[1]);
            if (parts.Count > 2) Add("xl/styles.xml", parts[2]);
        }
        return ms.ToArray();
    }
}

/// <summary>An outcome the readers must never have; thrown so that afl-fuzz records the input as a crash.</summary>
public sealed class FuzzFailure(string message) : Exception(message);
