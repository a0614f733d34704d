using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Musubi.Read;
using static Musubi.Tests.Read.XlsxBuilder;

namespace Musubi.Tests.Read;

/// <summary>
/// Regression cases of issue 11: the spreadsheets and texts that made main hang, exhaust memory or crash. Each is refused
/// (or read) quickly, naming the limit, and without allocating for what the file claims.
/// </summary>
public sealed class HostileReadTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("musubi-hostile-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private const string Header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>住所</t></is></c></row>";

    private static string Cell(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    /// <summary>Reads every row of every table; returns the rows, the bytes this thread allocated and the time taken.</summary>
    private static (List<RawRow> Rows, long Allocated, TimeSpan Time) ReadAll(string path, ReadOptions? options = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var rows = new List<RawRow>();
        foreach (var t in TableReader.Open(path, options))
        {
            using (t) rows.AddRange(t.Rows);
        }
        return (rows, GC.GetAllocatedBytesForCurrentThread() - before, sw.Elapsed);
    }

    private static InputException Refused(string path, string limit, ReadOptions? options = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<InputException>(() => ReadAll(path, options));
        Assert.Equal(limit, e.Limit);
        Assert.Contains($"over the limit {limit}=", e.Message, StringComparison.Ordinal);
        Assert.StartsWith(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 300L << 20, "allocated for the limit");
        return e;
    }

    [Fact]
    public void A_lone_cell_at_XFD1048576_costs_one_row_not_a_grid()
    {
        // main: more than 20 s (ExcelDataReader fills every row and column up to the highest reference).
        var path = Write("xfd.xlsx", BuildRaw(Header + "<row r=\"2\">" + Cell("A2", "庁舎") + Cell("B2", "高松市") + "</row>"
            + "<row r=\"1048576\">" + Cell("XFD1048576", "x") + "</row>"));
        var (rows, allocated, time) = ReadAll(path);
        Assert.True(time < TimeSpan.FromSeconds(10), $"took {time}");
        Assert.True(allocated < 100L << 20, $"allocated {allocated:N0} bytes");
        Assert.Equal(2, rows.Count);
        Assert.Equal(1_048_576, rows[1].RowNumber);
    }

    [Theory]
    [InlineData(20_000_000)] // main: 780 MB
    [InlineData(2_147_483_647)] // main: 2.9 GB and no end
    public void A_row_number_beyond_Excels_is_refused_at_once(long row)
    {
        var path = Write("far.xlsx", BuildRaw(Header + $"<row r=\"{row}\">" + Cell($"A{row}", "x") + "</row>"));
        var e = Refused(path, "row-index");
        Assert.Contains($"row numbered {row:N0}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_number_past_any_integer_is_refused_not_overflowed()
    {
        var path = Write("overflow.xlsx", BuildRaw(Header + "<row r=\"99999999999999999999\"><c r=\"A99999999999999999999\"><v>1</v></c></row>"));
        Assert.Throws<InputException>(() => ReadAll(path));
    }

    [Fact]
    public void A_column_beyond_XFD_is_refused()
    {
        var path = Write("wide.xlsx", BuildRaw(Header + "<row r=\"2\">" + Cell("ZZZZ2", "x") + "</row>"));
        var e = Refused(path, "column-index");
        Assert.Equal(2, e.Row);
    }

    [Fact]
    public void Shared_strings_that_expand_to_a_megabyte_per_cell_are_refused_at_the_first()
    {
        // main: a 7 KB workbook whose 1,600 cells share one 1 MB string passed 3 GB, in inspect too.
        var rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>");
        for (var r = 2; r <= 801; r++) rows.Append($"<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>2</v></c><c r=\"B{r}\" t=\"s\"><v>2</v></c></row>");
        var bytes = BuildRaw(rows.ToString(), ["<t>名称</t>", "<t>住所</t>", "<t>" + new string('a', 1_000_000) + "</t>"]);
        Assert.True(bytes.Length < 20_000);
        Refused(Write("sst.xlsx", bytes), "cell-chars");
    }

    [Fact]
    public void Shared_strings_over_their_budget_are_refused_while_reading_them()
    {
        var items = Enumerable.Range(0, 50).Select(i => "<t>" + new string((char)('a' + (i % 26)), 50_000) + "</t>").ToList();
        var path = Write("budget.xlsx", BuildRaw(Header, items));
        Refused(path, "shared-string-chars", new ReadOptions { Limits = ReadLimits.Default with { SharedStringChars = 1_000_000 } });
    }

    [Fact]
    public void A_sheet_that_inflates_past_the_ratio_is_refused_while_inflating()
    {
        // 40 MB of blanks compress ~1000:1; the directory is not believed, the inflated bytes are counted.
        var path = Write("bomb.xlsx", BuildRaw(Header + new string(' ', 40_000_000)));
        Assert.True(new FileInfo(path).Length < 1_000_000);
        Refused(path, "part-ratio");
    }

    [Fact]
    public void Too_many_parts_are_refused()
    {
        var path = Path.Combine(_temp, "parts.xlsx");
        File.WriteAllBytes(path, BuildRaw(Header));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            for (var i = 0; i < 60; i++) zip.CreateEntry($"junk/{i}.xml");
        }
        Refused(path, "parts", new ReadOptions { Limits = ReadLimits.Default with { Parts = 50 } });
    }

    [Fact]
    public void Broken_sheet_xml_names_the_part()
    {
        var path = Write("broken.xlsx", BuildRaw(Header + "<row r=\"2\"><c r=\"A2\"><v>1</v></row>"));
        var e = Assert.Throws<InputException>(() => ReadAll(path));
        Assert.Contains("xl/worksheets/sheet1.xml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hundred_rows_of_three_megabyte_cells_are_refused_at_the_first_cell()
    {
        // main: 100 such rows peaked at 2 GB (100 buffered rows × 3 MB × 2 bytes a char, then the report quoting them).
        var path = Path.Combine(_temp, "big.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("名称,住所,備考\n");
            var big = new string('x', 1_000_000);
            for (var i = 0; i < 5; i++) w.Write($"{big},{big},{big}\n");
        }
        // The record is refused as a whole (row-chars) before Sep hands out its cells.
        var e = Refused(path, "row-chars");
        Assert.Equal(2, e.Row);
    }

    [Fact]
    public void An_unterminated_quote_longer_than_sixteen_megabytes_is_refused_early()
    {
        var path = Path.Combine(_temp, "quote.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("住所,名称\n\"");
            w.Write(new string('a', 17_000_000));
            w.Write('\n');
        }
        var e = Refused(path, "row-chars");
        Assert.Contains("unbalanced quote", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_can_be_raised_and_lowered_by_name()
    {
        Assert.True(ReadLimits.Default.TryWith("cells", "1_000", out var l));
        Assert.Equal(1_000, l.Cells);
        Assert.True(l.TryWith("row-index", "2,000,000", out l));
        Assert.Equal(2_000_000, l.RowIndex);
        Assert.False(l.TryWith("no-such-limit", "1", out _));
        Assert.False(l.TryWith("cells", "-1", out _));
        Assert.False(l.TryWith("cells", "1e400", out _));
        Assert.Equal(ReadLimits.Default.Describe().Select(d => d.Name), ReadLimits.Names);
    }

    [Fact]
    public void Rows_and_cells_limits_hold_for_csv()
    {
        var path = Path.Combine(_temp, "rows.csv");
        File.WriteAllText(path, "a,b\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i},x\n")));
        Refused(path, "rows", new ReadOptions { Limits = ReadLimits.Default with { Rows = 50 } });
        Refused(path, "cells", new ReadOptions { Limits = ReadLimits.Default with { Cells = 50 } });
    }
}
