using System.Diagnostics;
using System.Runtime.CompilerServices;
using Musubi.Address;
using Musubi.Detect;
using Musubi.Issues;
using Musubi.Map;
using Musubi.Operations;
using Musubi.Read;
using Musubi.Schemas;
using Musubi.Validate;
using Musubi.Write;

namespace Musubi.Convert;

/// <summary>
/// The conversion operation: read → detect → map → normalize → validate → write, streaming row by row. The CLI, the web
/// server and the harvest workers all call it. An output file is written beside its destination and moved into place only
/// when the conversion finished, so a bad input never destroys an earlier good output.
/// </summary>
public sealed class ConvertOperation(SchemaCatalog catalog, AddressNormalizerSource addresses) : IOperation<ConvertRequest, ConvertReport>
{
    public Task<Result<ConvertReport>> RunAsync(ConvertRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Run(request, cancellationToken));

    /// <summary>The same, synchronously (the work is synchronous: one file read and written as a stream).</summary>
    public Result<ConvertReport> Run(ConvertRequest request, CancellationToken cancellationToken = default) =>
        Operation.Run(() => Convert(request, cancellationToken));

    private ConvertReport Convert(ConvertRequest request, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var input = InputFile.For(request.Input, request.Read.MaxBytes);
        var publisher = PublisherCode.Resolve(request.Publisher ?? request.Input.Hints.Publisher, request.Input.Name,
            request.Input.Hints.Organization, addresses.Governments);
        var tables = TableReader.Open(input.Path, request.Read);
        try
        {
            var (sampled, schema, candidates, chosenBy) = Choose(request, input, tables);
            var table = sampled.Table;
            var mapping = ColumnMapper.Map(schema, table.Header, request.Map, sampled.SampleCells(),
                static (field, value) => Musubi.Normalize.FieldNormalizer.Normalize(field, value).Outcome != Musubi.Normalize.Outcome.Invalid);
            var log = new IssueLog(request.MaxIssuesPerCode);
            string? ownerFromAddresses = null;
            if (request.Addresses && OwnerCode.Wanted(schema, mapping, publisher))
            {
                sampled.Extend(OwnerCode.MaxRows);
                ownerFromAddresses = OwnerCode.FromAddresses(sampled, schema, mapping, addresses.Normalizer);
            }
            var headerRequiredMissing = HeaderValidator.Check(table, schema, mapping, publisher ?? ownerFromAddresses, log);
            var address = request.Addresses ? AddressStep.For(schema, publisher ?? ownerFromAddresses, addresses.Normalizer) : null;
            var normalizer = new RowNormalizer(schema, mapping, publisher, addresses.Governments, address, log) { OwnerFromAddresses = ownerFromAddresses };
            var validator = new RecordValidator(schema, mapping, publisher, log);
            var report = NewReport(request, table, schema, candidates, chosenBy, mapping, publisher);
            report.OutputFormat = request.Format.ToString().ToLowerInvariant();

            var output = request.Output;
            string? tempOut = null;
            string? tempExtra = null;
            string? extraPath = null;
            HashingStream? ownStream = null;
            HashingStream? extraStream = null;
            CsvRecordWriter? extraWriter = null;
            try
            {
                Stream? stream = output.Stream;
                if (output.Path is not null)
                {
                    var full = Path.GetFullPath(output.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    // Temporary files of killed runs to this folder go first (those of running conversions stay).
                    OutputFile.RemoveStale(Path.GetDirectoryName(full)!);
                    tempOut = OutputFile.TempPathFor(full);
                    stream = ownStream = new HashingStream(new FileStream(tempOut, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
                    report.Output = full;
                }
                // The extra-columns file this run writes, or (with no unmapped columns) an earlier run's file that must not
                // stay beside the new output as if it were this run's.
                extraPath = request.ExtraColumnsPath ?? (report.Output is null ? null : ExtraPathFor(report.Output));
                if (extraPath is not null) extraPath = Path.GetFullPath(extraPath);
                if (mapping.UnmappedColumns.Count > 0 && extraPath is not null)
                {
                    if (request.ExtraColumnsPath is not null) OutputFile.RemoveStale(Path.GetDirectoryName(extraPath)!);
                    tempExtra = OutputFile.TempPathFor(extraPath);
                    var header = new List<string> { "row", schema.PrimaryKey ?? StandardFields.Id };
                    header.AddRange(mapping.UnmappedColumns.Select(c => c.Source.Length == 0 ? $"(column {c.Index + 1})" : c.Source));
                    extraStream = new HashingStream(new FileStream(tempExtra, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
                    extraWriter = new CsvRecordWriter(extraStream, header, bom: request.Bom);
                }

                using (var writer = output.Writer?.Invoke(schema) ?? RecordWriters.Create(request.Format, stream!, schema, request.Bom))
                {
                    var rows = new RowLoop(normalizer, validator, writer, extraWriter, mapping, schema.IndexOf(schema.PrimaryKey ?? StandardFields.Id),
                        report, request.Progress, log);
                    // Each row is normalized and written before the next is read, so the reader may reuse one cell array.
                    rows.Run(sampled, schema.Fields.Count, cancellationToken);
                    rows.Finish();
                    writer.Complete();
                    if (writer is CsvRecordWriter csv && csv.NeutralizedCells > 0)
                        log.Add(IssueCode.FormulaNeutralized, null, null, null, null,
                            $"{csv.NeutralizedCells} cells started with =, +, -, @ and were prefixed with ' so spreadsheets do not run them as formulas");
                }
                if (extraWriter is not null)
                {
                    extraWriter.Complete();
                    extraWriter.Dispose();
                    extraWriter = null;
                    extraStream!.Complete();
                    report.ExtraColumnsBytes = extraStream.BytesWritten;
                    report.ExtraColumnsXxh128 = extraStream.Xxh128;
                    extraStream.Dispose();
                    extraStream = null;
                }
                if (ownStream is not null)
                {
                    ownStream.Complete();
                    report.OutputBytes = ownStream.BytesWritten;
                    report.OutputXxh128 = ownStream.Xxh128;
                    ownStream.Dispose();
                    ownStream = null;
                }
                // The set goes in place extra file first, output next, report last (each in one step): a kill in between
                // leaves a report whose size and hash do not match the output, never a silent mix.
                if (tempExtra is not null)
                {
                    OutputFile.Replace(tempExtra, extraPath!);
                    report.ExtraColumnsFile = extraPath;
                }
                else if (extraPath is not null && File.Exists(extraPath) && !OutputFile.TryDelete(extraPath))
                {
                    report.StaleExtraColumnsFile = extraPath;
                }
                if (tempOut is not null) OutputFile.Replace(tempOut, report.Output!);
            }
            catch
            {
                extraWriter?.Dispose();
                extraStream?.Dispose();
                ownStream?.Dispose();
                OutputFile.TryDelete(tempOut);
                OutputFile.TryDelete(tempExtra);
                throw;
            }

            foreach (var (rowNumber, code, message) in table.ReadNotes)
                log.Add(code, rowNumber == 0 ? null : rowNumber, null, null, null, message);
            request.Progress?.Report(new ConvertProgress(report.RowsRead, 0, 0));
            report.Issues = log.Kept;
            report.IssuesNotListed = log.Dropped;
            report.Summary = log.Summary();
            report.Errors = log.ErrorCount;
            report.Warnings = log.WarningCount;
            report.Fixes = log.FixedCount;
            report.RequiredFieldErrors = headerRequiredMissing || normalizer.RequiredFieldErrors || validator.RequiredFieldErrors;
            report.Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3);
            if (request.ReportPath is not null)
            {
                var reportPath = Path.GetFullPath(request.ReportPath);
                Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
                if (!string.Equals(Path.GetDirectoryName(reportPath), Path.GetDirectoryName(report.Output), StringComparison.Ordinal))
                    OutputFile.RemoveStale(Path.GetDirectoryName(reportPath)!);
                OutputFile.WriteAllText(reportPath, report.ToJson());
            }
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
    /// The row loop: normalize, validate, write each row, and the unmapped cells to the extra-columns file. Counts the
    /// source cells that reached a standard field and the required fields left empty (the report's measure of how much
    /// of the content was converted). A blank record (only identity cells, see <see cref="RowLoop.IsBlankRecord"/>) is
    /// reported and not written.
    /// </summary>
    private sealed class RowLoop(RowNormalizer normalizer, RecordValidator validator, IRecordWriter writer, CsvRecordWriter? extraWriter,
        TableMapping mapping, int idIndex, ConvertReport report, IProgress<ConvertProgress>? progress, IssueLog log)
    {
        // Per column, decided once: what a cell with content adds to the counts (see ColumnCounts).
        private readonly long[] _columnCounts = ColumnCounts(mapping);
        private readonly int[] _required = RequiredFields(mapping.Schema);
        private long[] _requiredEmpty = [];

        private string[] _values = [];
        private string[] _extra = [];
        private long _cellsMapped, _cellsTotal;

        /// <summary>
        /// The sample, then the rest of the rows straight from the table's enumerator (no wrapper iterator between the
        /// reader and this loop). Compiled optimized at its first call: it runs once per file, so tiered compilation
        /// would leave it in its precompiled form for the whole file, calling the enumerator through dispatch stubs.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(SampledRows rows, int fieldCount, CancellationToken cancellationToken)
        {
            _values = new string[fieldCount];
            _extra = new string[mapping.UnmappedColumns.Count + 2];
            _requiredEmpty = new long[_required.Length];
            foreach (var row in rows.Sample)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Row(row);
            }
            using (var rest = rows.TakeRest())
            {
                while (rest is not null && rest.MoveNext())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Row(rest.Current);
                }
            }
            report.SourceCellsMapped = _cellsMapped;
            report.SourceCellsTotal = _cellsTotal;
        }

        /// <summary>
        /// One row. Compiled optimized at its first call, without profile-guided inlining: with it, the JIT inlined the
        /// writer's Write here and left the writer's cell loop calling its helpers instead of inlining them (slower).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Row(RawRow row)
        {
            report.RowsRead++;
            var cells = row.Cells;
            int total, reached;
            bool onlyIdentity;
            if (cells.Length < CountMask)
            {
                var counts = CountContent(cells, _columnCounts);
                total = (int)(counts & CountMask);
                reached = (int)((counts >> CountBits) & CountMask);
                onlyIdentity = (int)(counts >> (2 * CountBits)) == total;
            }
            else
            {
                total = CountWide(cells, _columnCounts, out reached, out onlyIdentity);
            }
            _cellsTotal += total;
            _cellsMapped += reached;
            if (onlyIdentity && total > 0 && IsBlankRecord(row)) return;
            var values = _values;
            normalizer.Process(row, values);
            validator.Check(row.RowNumber, values);
            var required = _required;
            var requiredEmpty = _requiredEmpty;
            for (var r = 0; r < required.Length; r++)
                if (values[required[r]].Length == 0) requiredEmpty[r]++;
            writer.Write(values, row.RowNumber);
            report.RowsWritten++;
            if (extraWriter is not null) WriteExtra(row, values);
            if ((report.RowsRead & 0x3FFF) == 0) progress?.Report(new ConvertProgress(report.RowsRead, 0, 0));
        }

        private void WriteExtra(RawRow row, string[] values)
        {
            var extra = _extra;
            var unmapped = mapping.UnmappedColumns;
            extra[0] = row.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            extra[1] = idIndex >= 0 ? values[idIndex] : "";
            for (var i = 0; i < unmapped.Count; i++)
            {
                var ci = unmapped[i].Index;
                extra[i + 2] = ci < row.Cells.Length ? row.Cells[ci] : "";
            }
            extraWriter!.Write(extra);
        }

        // Per-cell counts packed into one accumulator, 21 bits each: cells with content, of them in mapped columns, of
        // them in identity columns. 21 bits hold the widest row the readers accept by default (16,384 cells); a wider
        // row (limits raised) is counted by the plain loop.
        private const int CountBits = 21;
        private const long CountMask = (1L << CountBits) - 1;

        /// <summary>
        /// Counts the row's cells with content (see <see cref="ColumnCounts"/>) into one packed accumulator. A method of its
        /// own whose loop makes no call, so it keeps everything in registers (inside the row loop its counters were
        /// spilled to the stack for every cell): the rare cell that may be blank or a placeholder hands the rest of the
        /// row to <see cref="CountFrom"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long CountContent(string[] cells, long[] columnCounts)
        {
            long acc = 0;
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = cells[c];
                if (cell.Length == 0) continue;
                // Nearly every cell is longer than 8 characters or starts with a letter, digit, kana or kanji.
                if ((uint)(cell.Length - 1) < 8u && MayStartNoContent(cell[0])) return CountFrom(cells, columnCounts, c, acc);
                acc += (uint)c < (uint)columnCounts.Length ? columnCounts[c] : 1;
            }
            return acc;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long CountFrom(string[] cells, long[] columnCounts, int from, long acc)
        {
            for (var c = from; c < cells.Length; c++)
            {
                var cell = cells[c];
                // Blank cells and dash placeholders ("-", "－") are no content.
                if (cell.Length == 0 || ((uint)(cell.Length - 1) < 8u && MayStartNoContent(cell[0]) && IsBlankOrPlaceholder(cell))) continue;
                acc += (uint)c < (uint)columnCounts.Length ? columnCounts[c] : 1;
            }
            return acc;
        }

        /// <summary>The same counts, unpacked, for a row too wide for the packed accumulator.</summary>
        private static int CountWide(string[] cells, long[] columnCounts, out int reached, out bool onlyIdentity)
        {
            int total = 0, mapped = 0, identity = 0;
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = cells[c];
                if (cell.Length == 0 || ((uint)(cell.Length - 1) < 8u && MayStartNoContent(cell[0]) && IsBlankOrPlaceholder(cell))) continue;
                var inc = (uint)c < (uint)columnCounts.Length ? columnCounts[c] : 1;
                total++;
                mapped += (int)((inc >> CountBits) & 1);
                identity += (int)((inc >> (2 * CountBits)) & 1);
            }
            reached = mapped;
            onlyIdentity = identity == total;
            return total;
        }

        /// <summary>
        /// Whether a cell of 1 to 8 characters may be blank or a dash placeholder, by its first character: false for ASCII
        /// letters and digits, kana and kanji (above U+3000 only four dash look-alikes qualify); the rest is decided by
        /// <see cref="IsBlankOrPlaceholder"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool MayStartNoContent(char c) =>
            c < 0x80 ? c is <= ' ' or '-'
            : c <= '\u3000' || c is '\u30FC' or '\uFF70' or '\uFF0D' or '\uFE63';

        /// <summary>Blank (only spaces) or a dash placeholder ("-", "－"): no content. The rare case, out of the loop.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool IsBlankOrPlaceholder(string cell)
        {
            var c = cell[0];
            if (c is >= '\u0080' and <= '\u3000' && !Musubi.Chars.CharText.IsSpace(c) && !Musubi.Chars.CharText.IsDashLike(c)) return false;
            return Musubi.Chars.CharText.Trim(cell).Length == 0 || Musubi.Chars.CharText.IsDashPlaceholder(cell);
        }

        /// <summary>
        /// The rule for blank records: a row whose only non-blank cells are identity cells (全国地方公共団体コード, ID,
        /// 地方公共団体名 — what a template pre-fills for every row) says nothing about a place or a thing, so it is not
        /// written; it is counted (blank-record, a warning) so the officer sees the template rows were dropped.
        /// </summary>
        private bool IsBlankRecord(RawRow row)
        {
            // A note typed into the code column ("※注記") is content, not a template's code.
            for (var c = 0; c < row.Cells.Length && c < _codeColumn.Length; c++)
                if (_codeColumn[c] && !IsCodeLike(row.Cells[c])) return false;
            report.BlankRecords++;
            if (log.Count(IssueCode.BlankRecord))
                log.Keep(Issue.Of(IssueCode.BlankRecord, row.RowNumber, null, string.Join(",", row.Cells.Where(c => c.Trim().Length > 0)), null,
                    "the row holds only a code and an ID (no name, address or other content): a blank record, not written"));
            return true;
        }

        public void Finish()
        {
            var empty = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var r = 0; r < _required.Length; r++)
                if (_requiredEmpty.Length > r && _requiredEmpty[r] > 0) empty[mapping.Schema.Fields[_required[r]].Name] = _requiredEmpty[r];
            report.RequiredFieldsEmpty = empty;
        }

        /// <summary>
        /// Per column, what one cell with content adds to <see cref="CountContent"/>'s accumulator: 1 (a cell), plus one in
        /// the second count when the column is mapped to a standard field, plus one in the third when it is an identity
        /// column (see <see cref="IsBlankRecord"/>). Columns past the end add 1.
        /// </summary>
        private static long[] ColumnCounts(TableMapping mapping)
        {
            var counts = new long[Width(mapping)];
            for (var i = 0; i < counts.Length; i++) counts[i] = 1;
            foreach (var c in mapping.Columns)
            {
                if (c.Field is not null && c.How != MatchKind.Unmapped) counts[c.Index] |= 1L << CountBits;
                if (c.Field is StandardFields.LocalGovernmentCode or StandardFields.Id or StandardFields.LocalGovernmentName) counts[c.Index] |= 1L << (2 * CountBits);
            }
            return counts;
        }

        private readonly bool[] _codeColumn = CodeColumns(mapping);

        private static bool IsCodeLike(string cell)
        {
            var t = cell.AsSpan().Trim();
            foreach (var ch in t)
                if (!char.IsAsciiDigit(ch) && ch is not (>= '０' and <= '９')) return false;
            return true;
        }

        // Plain loops in the set-up below, not LINQ over tuples: generic code over value tuples has no precompiled form
        // and would be compiled at every start (a few milliseconds of a small file's conversion).
        private static int[] RequiredFields(TableSchema schema)
        {
            var required = new List<int>();
            for (var i = 0; i < schema.Fields.Count; i++)
                if (schema.Fields[i].Level == FieldLevel.Required) required.Add(i);
            return [.. required];
        }

        /// <summary>One past the highest mapped source column.</summary>
        private static int Width(TableMapping mapping)
        {
            var width = 0;
            foreach (var c in mapping.Columns) width = Math.Max(width, c.Index + 1);
            return width;
        }

        private static bool[] CodeColumns(TableMapping mapping)
        {
            var code = new bool[Width(mapping)];
            foreach (var c in mapping.Columns)
                if (c.Field is StandardFields.LocalGovernmentCode) code[c.Index] = true;
            return code;
        }

    }

    private (SampledRows Table, TableSchema Schema, IReadOnlyList<SchemaCandidate> Candidates, string ChosenBy) Choose(
        ConvertRequest request, InputFile input, IReadOnlyList<RawTable> tables)
    {
        if (tables.Count == 0) throw new InputException(input.Path, "no table with data was found");
        var detector = new SchemaDetector(catalog);
        var pool = tables;
        if (request.Sheet is not null)
        {
            pool = tables.Where(t => string.Equals(t.Sheet?.Trim(), request.Sheet.Trim(), StringComparison.Ordinal)).ToList();
            if (pool.Count == 0)
                throw new InputException(input.Path, $"has no sheet '{request.Sheet}' with data (sheets: {string.Join(", ", tables.Select(t => t.Sheet))})");
        }

        TableSchema? forced = null;
        if (request.SchemaId is not null)
        {
            forced = catalog.Find(request.SchemaId)
                ?? throw new OperationException(OperationError.InvalidInput(
                    $"unknown schema '{request.SchemaId}'; known: {string.Join(", ", catalog.All.Select(s => s.Id))}", nameof(ConvertRequest.SchemaId)));
        }

        SampledRows? bestTable = null;
        IReadOnlyList<SchemaCandidate>? bestRanking = null;
        foreach (var raw in pool)
        {
            var t = new SampledRows(raw, SampleRows);
            var ranking = detector.Rank(raw.Header, input.DetectionName, input.Folder, Titles(raw, request.Input.Hints), t.SampleCells());
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
            throw new OperationException(OperationError.CannotRead(
                $"{request.Input.Name}: cannot tell which standard dataset this table is (best guesses: {top}; confidence {best.Confidence:0.00})", request.Input.Name) with
            { Field = nameof(ConvertRequest.SchemaId) });
        }
        if (TooLittle(best, bestTable!.Table.Header) is { } missing)
        {
            throw new OperationException(OperationError.CannotRead(
                $"{request.Input.Name}: no standard dataset fits this table: its best match {best.Schema.Id} is supported only by columns every dataset has, " +
                $"no column says where a row is, and its required fields {string.Join(", ", missing)} have no column (confidence {best.Confidence:0.00})", request.Input.Name) with
            { Field = nameof(ConvertRequest.SchemaId) });
        }
        return (bestTable!, best.Schema, bestRanking, "detected");
    }

    /// <summary>
    /// The refusal rule for detection: a table is not forced into its best schema when no column names a field particular
    /// to that dataset (only generic ones: ID, 名称, URL …) and, for a dataset of places, nothing says where a row is (no
    /// 所在地 column, no part of it, no coordinates) — a list of files or a budget is no list of facilities. Returns the
    /// schema's required fields that have no column, or null when the table may be converted.
    /// </summary>
    private static List<string>? TooLittle(SchemaCandidate best, IReadOnlyList<string> header)
    {
        var schema = best.Schema;
        if (best.SpecificFields > 0 || schema.IndexOf(StandardFields.AddressFull) < 0) return null;
        var mapping = ColumnMapper.Map(schema, header);
        bool Has(string name) => schema.IndexOf(name) is >= 0 and var i && mapping.FieldSource[i] >= 0;
        var located = mapping.CombinedCoordinateColumn >= 0 || new[] { StandardFields.AddressFull, StandardFields.AddressPrefecture, StandardFields.AddressMunicipality,
            StandardFields.AddressTown, StandardFields.AddressRest, StandardFields.Latitude, StandardFields.Longitude }.Any(Has);
        return located ? null : [.. schema.RequiredFields.Select(f => f.Name).Where(f => !Has(f))];
    }

    /// <summary>Rows read ahead of every table for detection and mapping (cell values as evidence).</summary>
    internal const int SampleRows = 100;

    /// <summary>Title rows above the header, then the catalog's title when the source gave one.</summary>
    private static IReadOnlyList<string> Titles(RawTable table, SourceHints hints) =>
        hints.Title is { Length: > 0 } title ? [.. table.Preamble, title] : table.Preamble;

    private static ConvertReport NewReport(ConvertRequest request, RawTable table, TableSchema schema, IReadOnlyList<SchemaCandidate> candidates,
        string chosenBy, TableMapping mapping, string? publisher)
    {
        var chosen = candidates.First(c => c.Schema == schema);
        return new ConvertReport
        {
            Input = request.Input.Describe(),
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
            MissingFields = schema.Fields.Where((f, i) => mapping.FieldSource[i] < 0
                    && !(mapping.CombinedCoordinateColumn >= 0 && f.Name is StandardFields.Latitude or StandardFields.Longitude))
                .Select(f => f.Name).ToList(),
        };
    }
}
