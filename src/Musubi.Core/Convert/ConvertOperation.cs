using System.Diagnostics;
using System.Runtime.CompilerServices;
using Musubi.Detect;
using Musubi.Map;
using Musubi.Normalize;
using Musubi.Read;
using Musubi.Schemas;
using Musubi.Validate;
using Musubi.Write;

namespace Musubi.Convert;

/// <summary>
/// The conversion operation: read → detect → map → normalize → validate → write, streaming row by row.
/// One function whichever face calls it (CLI, web, worker). Output is written to a temporary file and moved
/// into place only when the conversion finished, so a bad input never destroys an earlier good output.
/// </summary>
public static class ConvertOperation
{
    public static ConvertReport Run(ConvertRequest request, Stream? stdout = null, IProgress<ConvertProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var catalog = SchemaCatalog.Default;
        var tables = TableReader.Open(request.InputPath, request.Read);
        try
        {
            var (table, schema, candidates, chosenBy) = Choose(request, catalog, tables);
            var mapping = ColumnMapper.Map(schema, table.Header, request.Map);
            var context = new RowContext(request, schema, mapping, table);
            var report = NewReport(request, table, schema, candidates, chosenBy, mapping, context.Publisher);

            var toStdout = request.OutputPath is null or "-";
            string? tempOut = null;
            Stream output;
            if (toStdout)
            {
                output = stdout ?? throw new ArgumentException("no output file and no output stream");
            }
            else
            {
                var full = Path.GetFullPath(request.OutputPath!);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                tempOut = OutputFile.TempPathFor(full);
                output = new FileStream(tempOut, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                report.Output = full;
            }
            report.OutputFormat = request.Format.ToString().ToLowerInvariant();

            string? tempExtra = null;
            string? extraPath = null;
            CsvRecordWriter? extraWriter = null;
            if (mapping.UnmappedColumns.Count > 0)
            {
                extraPath = request.ExtraColumnsPath ?? (toStdout ? null : ExtraPathFor(report.Output!));
                if (extraPath is not null)
                {
                    extraPath = Path.GetFullPath(extraPath);
                    tempExtra = OutputFile.TempPathFor(extraPath);
                    var header = new List<string> { "row", schema.PrimaryKey ?? "ID" };
                    header.AddRange(mapping.UnmappedColumns.Select(c => c.Source.Length == 0 ? $"(column {c.Index + 1})" : c.Source));
                    extraWriter = new CsvRecordWriter(new FileStream(tempExtra, FileMode.CreateNew), header, bom: request.Bom);
                }
            }

            try
            {
                using (var writer = RecordWriters.Create(request.Format, output, schema, request.Bom))
                {
                    // Each row is normalized and written before the next is read.
                    table.ReuseRowArrays();
                    WriteRows(table, context, writer, schema.Fields.Count, extraWriter, mapping, report, progress, cancellationToken);
                    writer.Complete();
                    if (writer is CsvRecordWriter csv && csv.NeutralizedCells > 0)
                        context.Log.Add(ValidationCodes.FormulaNeutralized, Severity.Fixed, null, null, null, null,
                            $"{csv.NeutralizedCells} cells started with =, +, -, @ and were prefixed with ' so spreadsheets do not run them as formulas");
                }
                extraWriter?.Complete();
                extraWriter?.Dispose();
                extraWriter = null;
                if (!toStdout) output.Dispose();
                if (tempOut is not null) OutputFile.Replace(tempOut, report.Output!);
                if (tempExtra is not null)
                {
                    OutputFile.Replace(tempExtra, extraPath!);
                    report.ExtraColumnsFile = extraPath;
                }
            }
            catch
            {
                extraWriter?.Dispose();
                if (!toStdout) output.Dispose();
                OutputFile.TryDelete(tempOut);
                OutputFile.TryDelete(tempExtra);
                throw;
            }

            foreach (var (rowNumber, code, message) in table.ReadNotes)
            {
                // Read notes are warnings unless the catalog says the reader repaired something (e.g. mojibake-repaired).
                var severity = IssueCatalog.Find(code)?.Severity == Severity.Fixed ? Severity.Fixed : Severity.Warning;
                context.Log.Add(code, severity, rowNumber == 0 ? null : rowNumber, null, null, null, message);
            }
            context.Finish();
            progress?.Report(new ConvertProgress(report.RowsRead, 0, 0));
            report.Issues = context.Log.Kept;
            report.IssuesNotListed = context.Log.Dropped;
            report.Summary = context.Log.Summary();
            report.Errors = context.Log.ErrorCount;
            report.Warnings = context.Log.WarningCount;
            report.Fixes = context.Log.FixedCount;
            report.RequiredFieldErrors = context.RequiredFieldErrors;
            report.Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3);
            return report;
        }
        finally
        {
            foreach (var t in tables) t.Dispose();
        }
    }

    /// <summary>NAME.extra.csv next to NAME.csv.</summary>
    public static string ExtraPathFor(string outputPath)
    {
        var dir = Path.GetDirectoryName(outputPath) ?? ".";
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(outputPath) + ".extra.csv");
    }

    /// <summary>
    /// The row loop. Compiled optimized at its first call: it runs once per file, so tiered compilation would leave it
    /// in its precompiled form for the whole file, calling the reader and the writer through dispatch stubs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRows(RawTable table, RowContext context, IRecordWriter writer, int fieldCount, CsvRecordWriter? extraWriter, TableMapping mapping,
        ConvertReport report, IProgress<ConvertProgress>? progress, CancellationToken cancellationToken)
    {
        var values = new string[fieldCount];
        var unmapped = mapping.UnmappedColumns;
        var extra = new string[unmapped.Count + 2];
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report.RowsRead++;
            context.Process(row, values);
            writer.Write(values);
            report.RowsWritten++;
            if (extraWriter is not null)
            {
                extra[0] = row.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                extra[1] = context.IdIndex >= 0 ? values[context.IdIndex] : "";
                for (var i = 0; i < unmapped.Count; i++)
                {
                    var ci = unmapped[i].Index;
                    extra[i + 2] = ci < row.Cells.Length ? row.Cells[ci] : "";
                }
                extraWriter.Write(extra);
            }
            if ((report.RowsRead & 0x3FFF) == 0) progress?.Report(new ConvertProgress(report.RowsRead, 0, 0));
        }
    }

    private static (RawTable Table, TableSchema Schema, IReadOnlyList<SchemaCandidate> Candidates, string ChosenBy) Choose(
        ConvertRequest request, SchemaCatalog catalog, IReadOnlyList<RawTable> tables)
    {
        if (tables.Count == 0) throw new InputException(request.InputPath, "no table with data was found");
        var detector = new SchemaDetector(catalog);
        var pool = tables;
        if (request.Sheet is not null)
        {
            pool = tables.Where(t => string.Equals(t.Sheet?.Trim(), request.Sheet.Trim(), StringComparison.Ordinal)).ToList();
            if (pool.Count == 0)
                throw new InputException(request.InputPath, $"has no sheet '{request.Sheet}' with data (sheets: {string.Join(", ", tables.Select(t => t.Sheet))})");
        }

        TableSchema? forced = null;
        if (request.SchemaId is not null)
        {
            forced = catalog.Find(request.SchemaId)
                ?? throw new ArgumentException($"unknown schema '{request.SchemaId}'; known: {string.Join(", ", catalog.All.Select(s => s.Id))}");
        }

        RawTable? bestTable = null;
        IReadOnlyList<SchemaCandidate>? bestRanking = null;
        foreach (var t in pool)
        {
            var ranking = detector.Rank(t.Header, request.InputPath, t.Preamble);
            if (forced is not null)
            {
                var forcedCandidate = ranking.First(c => c.Schema == forced);
                ranking = [forcedCandidate, .. ranking.Where(c => c.Schema != forced)];
            }
            if (bestRanking is null || ranking[0].Score > bestRanking[0].Score)
            {
                bestTable = t;
                bestRanking = ranking;
            }
        }
        var best = bestRanking![0];
        if (forced is not null) return (bestTable!, forced, bestRanking, "given");
        if (best.Confidence < request.MinConfidence || best.SpecificFields + best.CommonFields == 0)
        {
            var top = string.Join(", ", bestRanking.Take(3).Select(c => c.Schema.Id));
            throw new InputException(request.InputPath,
                $"cannot tell which standard dataset this table is (best guesses: {top}; confidence {best.Confidence:0.00}); give --schema ID (see 'musubi schemas' and 'musubi inspect')");
        }
        return (bestTable!, best.Schema, bestRanking, "detected");
    }

    private static ConvertReport NewReport(ConvertRequest request, RawTable table, TableSchema schema, IReadOnlyList<SchemaCandidate> candidates,
        string chosenBy, TableMapping mapping, string? publisher)
    {
        var chosen = candidates.First(c => c.Schema == schema);
        return new ConvertReport
        {
            Input = Path.GetFullPath(request.InputPath),
            Format = table.Format,
            Sheet = table.Sheet,
            Schema = schema.Id,
            SchemaTitle = schema.Title,
            SchemaVersion = schema.Version,
            Confidence = chosen.Confidence,
            SchemaChosenBy = chosenBy,
            Candidates = candidates.Take(3).Select(c => new CandidateReport(c.Schema.Id, c.Score, c.Confidence)).ToList(),
            Encoding = table.Encoding,
            HeaderRow = table.HeaderRowNumber,
            Publisher = publisher,
            Columns = mapping.Columns.Select(c => new ColumnReport(c.Source, c.Field, c.How)).ToList(),
            MissingFields = schema.Fields.Where((f, i) => mapping.FieldSource[i] < 0 && !(mapping.CombinedCoordinateColumn >= 0 && f.Name is "緯度" or "経度"))
                .Select(f => f.Name).ToList(),
        };
    }
}
