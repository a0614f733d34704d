using System.Globalization;
using System.IO.Compression;
using ExcelDataReader;
using Musubi.Issues;

namespace Musubi.Read;

/// <summary>Reads XLSX/XLS workbooks with ExcelDataReader: one table per sheet with data, rows streamed per sheet.</summary>
internal static class ExcelSource
{
    private static readonly DateTime OaEpoch = new(1899, 12, 30);

    /// <summary>What a ZIP container holds, as far as the readers care.</summary>
    public enum ZipKind { Other, Xlsx, Xlsb }

    /// <summary>
    /// Checks a ZIP before any XML parser sees it: refuses too many parts and a declared uncompressed size over the part
    /// limits (a zip bomb; the readers count again while inflating, since a declared size can lie). Says whether it holds
    /// an OOXML workbook.
    /// </summary>
    public static ZipKind InspectZip(string path, long fileSize, ReadLimits limits)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > limits.Parts)
                throw ReadLimits.Exceeded(path, "parts", limits.Parts, $"ZIP container has {zip.Entries.Count:N0} parts");
            var kind = ZipKind.Other;
            foreach (var e in zip.Entries)
            {
                if (e.Length > limits.PartBytes)
                    throw ReadLimits.Exceeded(path, "part-bytes", limits.PartBytes, $"part {e.FullName} declares {e.Length:N0} bytes");
                if (e.Length > ReadLimits.RatioFloorBytes && e.Length > Math.Max(e.CompressedLength, 1) * limits.PartRatio)
                    throw ReadLimits.Exceeded(path, "part-ratio", limits.PartRatio,
                        $"part {e.FullName} declares {e.Length / (1024 * 1024):N0} MB from {e.CompressedLength / 1024:N0} KB (a zip bomb?)");
                if (e.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)) kind = ZipKind.Xlsx;
                else if (e.FullName.Equals("xl/workbook.bin", StringComparison.OrdinalIgnoreCase) && kind == ZipKind.Other) kind = ZipKind.Xlsb;
            }
            return kind;
        }
        catch (InvalidDataException e)
        {
            throw new InputException(path, $"is a damaged ZIP archive ({e.Message.ReplaceLineEndings(" ")})", inner: e);
        }
    }

    /// <summary>Legacy XLS (BIFF) and XLSB with ExcelDataReader, under the same limits (those formats cap rows and columns themselves).</summary>
    public static IReadOnlyList<RawTable> Open(string path, string format, string? renamedNote, ReadLimits limits)
    {
        var guard = new Guard(path, limits);
        EncodingDetector.EnsureRegistered();
        var tables = new List<RawTable>();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = CreateReader(stream, format);
            var sheetIndex = 0;
            do
            {
                var name = reader.Name;
                var buffer = new List<(int Row, string[] Cells)>();
                var nonBlank = 0;
                var rowNo = 0;
                var exhausted = false;
                while (nonBlank < TableShaper.BufferRows)
                {
                    if (!reader.Read())
                    {
                        exhausted = true;
                        break;
                    }
                    rowNo++;
                    var cells = ReadCells(reader, guard, rowNo);
                    buffer.Add((rowNo, cells));
                    if (!TableShaper.IsBlank(cells)) nonBlank++;
                }

                var sink = new TableShaper.NoteSink();
                if (renamedNote is not null) sink.Add(0, IssueCode.RenamedWorkbook, renamedNote);
                if (exhausted) NoteMerges(sink, reader.MergeCells);
                var rows = SheetRows(path, format, sheetIndex, buffer, exhausted ? -1 : rowNo, sink, guard).GetEnumerator();
                var table = TableShaper.Build(path, format, "n/a", name, rows, null, noteShortRows: false, sink);
                if (table is not null)
                {
                    if (reader.VisibleState is { } vs && !vs.Equals("visible", StringComparison.OrdinalIgnoreCase))
                        table.ReadNotes.Add((0, IssueCode.HiddenSheet, $"sheet \"{name}\" is {vs}"));
                    tables.Add(table);
                }
                sheetIndex++;
            }
            while (reader.NextResult());
        }
        catch (Exception e) when (e is not InputException)
        {
            foreach (var t in tables) t.Dispose();
            throw new InputException(path, $"cannot be read as {format.ToUpperInvariant()}: {e.Message}", inner: e);
        }
        if (tables.Count == 0) throw new InputException(path, "has no sheet with data");
        return tables;
    }

    private static IExcelDataReader CreateReader(Stream stream, string format)
    {
        var config = new ExcelReaderConfiguration { FallbackEncoding = EncodingDetector.Cp932 };
        return format == "xls" ? ExcelReaderFactory.CreateBinaryReader(stream, config) : ExcelReaderFactory.CreateOpenXmlReader(stream, config);
    }

    /// <summary>The buffered rows, then (if the sheet is longer) the rest read by a second reader positioned after them.</summary>
    private static IEnumerable<(int Row, string[] Cells)> SheetRows(string path, string format, int sheetIndex,
        List<(int Row, string[] Cells)> buffer, int continueAfter, TableShaper.NoteSink sink, Guard guard)
    {
        foreach (var r in buffer) yield return r;
        if (continueAfter < 0) yield break;
        buffer.Clear();

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = Wrap(path, () => CreateReader(stream, format), continueAfter);
        Wrap(path, () =>
        {
            for (var s = 0; s < sheetIndex; s++) reader.NextResult();
            for (var i = 0; i < continueAfter; i++) reader.Read();
            return 0;
        }, continueAfter);
        var rowNo = continueAfter;
        while (Wrap(path, reader.Read, rowNo + 1))
        {
            rowNo++;
            yield return (rowNo, Wrap(path, () => ReadCells(reader, guard, rowNo), rowNo));
        }
        NoteMerges(sink, reader.MergeCells);
    }

    private static T Wrap<T>(string path, Func<T> f, int row)
    {
        try
        {
            return f();
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException(path, $"cannot be read: {e.Message}", row, inner: e);
        }
    }

    private static void NoteMerges(TableShaper.NoteSink sink, CellRange[]? merges)
    {
        if (merges is null || merges.Length == 0) return;
        var shown = string.Join(", ", merges.Take(10).Select(m => $"{CellName(m.FromRow, m.FromColumn)}:{CellName(m.ToRow, m.ToColumn)}"));
        sink.Add(merges[0].FromRow + 1, IssueCode.MergedCells,
            $"{merges.Length} merged cell area(s): {shown}{(merges.Length > 10 ? ", …" : "")}; the value sits in the first cell only");
    }

    private static string CellName(int row, int col)
    {
        var name = "";
        for (var c = col + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + ((c - 1) % 26)) + name;
        return name + (row + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The limits of one workbook read with ExcelDataReader, counted over its rows and cells.</summary>
    private sealed class Guard(string path, ReadLimits limits)
    {
        public long Cells;

        public void Row(int rowNo, int fieldCount)
        {
            if (rowNo > limits.Rows || rowNo > limits.RowIndex)
                throw ReadLimits.Exceeded(path, rowNo > limits.Rows ? "rows" : "row-index", Math.Min(limits.Rows, limits.RowIndex), $"has more than {Math.Min(limits.Rows, limits.RowIndex):N0} rows");
            if (fieldCount > limits.Columns || fieldCount > limits.ColumnIndex)
                throw ReadLimits.Exceeded(path, "columns", Math.Min(limits.Columns, limits.ColumnIndex), $"has a row of {fieldCount:N0} cells", rowNo);
        }

        public void Cell(string s, int rowNo, int col, ref long rowChars)
        {
            if (s.Length > limits.CellChars)
                throw ReadLimits.Exceeded(path, "cell-chars", limits.CellChars, $"has a cell of {s.Length:N0} characters", rowNo, XlsxSource.ColumnName(col));
            if ((rowChars += s.Length) > limits.RowChars)
                throw ReadLimits.Exceeded(path, "row-chars", limits.RowChars, $"has a row of more than {limits.RowChars:N0} characters", rowNo);
            if (++Cells > limits.Cells)
                throw ReadLimits.Exceeded(path, "cells", limits.Cells, $"has more than {limits.Cells:N0} cells", rowNo);
        }
    }

    private static string[] ReadCells(IExcelDataReader reader, Guard guard, int rowNo)
    {
        var n = reader.FieldCount;
        guard.Row(rowNo, n);
        var last = -1;
        var cells = new string[n];
        long rowChars = 0;
        for (var i = 0; i < n; i++)
        {
            var s = CellText(reader.GetValue(i));
            cells[i] = s;
            if (s.Length > 0)
            {
                guard.Cell(s, rowNo, i, ref rowChars);
                last = i;
            }
        }
        return last + 1 == n ? cells : cells[..(last + 1)];
    }

    /// <summary>Cell value as text: trimmed strings, ISO dates, invariant numbers without exponent or ".0".</summary>
    internal static string CellText(object? value) => value switch
    {
        null or DBNull => "",
        string s => s.Trim(),
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        DateTime dt => FormatDate(dt),
        TimeSpan ts => FormatTime(ts),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    internal static string FormatNumber(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return "";
        if (d == Math.Floor(d) && Math.Abs(d) < 1e15) return ((long)d).ToString(CultureInfo.InvariantCulture);
        var a = Math.Abs(d);
        if (a >= 1e-20 && a < 7.9e27)
        {
            // decimal keeps 15 significant digits, which drops binary noise (0.1 + 0.2) and never uses an exponent.
            return ((decimal)d).ToString(CultureInfo.InvariantCulture);
        }
        return d.ToString("0.##############################", CultureInfo.InvariantCulture);
    }

    internal static string FormatDate(DateTime dt)
    {
        var rounded = new DateTime((dt.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, dt.Kind);
        var time = rounded.TimeOfDay;
        // ExcelDataReader turns a time-only serial (< 1) into 1899-12-30 or 1899-12-31 plus the time.
        if ((rounded.Date == OaEpoch || rounded.Date == OaEpoch.AddDays(1)) && time > TimeSpan.Zero) return FormatTime(time);
        if (time == TimeSpan.Zero) return rounded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return rounded.ToString(time.Seconds == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static string FormatTime(TimeSpan t) =>
        t.Seconds == 0 ? $"{(int)t.TotalHours:00}:{t.Minutes:00}" : $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}";
}
