using System.Text;
using Musubi.Convert;
using Musubi.Issues;

using Musubi.Tests.Support;

namespace Musubi.Tests.Convert;

/// <summary>
/// Repeated values are read once and normalized once per file (CellPool, the per-field memo, the ID bit set);
/// these tests pin that every row is still checked and reported as if each cell were new.
/// </summary>
public sealed class ConvertRepeatTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-repeat-");

    public void Dispose() => _dir.Delete(recursive: true);

    private (ConvertReport Report, string[] Lines) Convert(string csv)
    {
        var input = Path.Combine(_dir.FullName, "aed.csv");
        File.WriteAllText(input, csv, new UTF8Encoding(false));
        var output = Path.Combine(_dir.FullName, "out.csv");
        var report = Ops.Convert(new ConvertRequest { Input = ConvertInput.FromFile(input), Output = ConvertOutput.ToFile(output), SchemaId = "aed", Addresses = false });
        return (report, File.ReadAllLines(output));
    }

    private const string Header = "全国地方公共団体コード,ID,名称,所在地_連結表記,緯度,経度,電話番号,開始時間,小児対応設備の有無\n";

    [Fact]
    public void A_repeated_fixable_value_is_fixed_and_reported_on_every_row()
    {
        var sb = new StringBuilder(Header);
        const int rows = 5000;
        for (var i = 1; i <= rows; i++) sb.Append($"111007,{i},施設{i},さいたま市浦和区常盤6-4-4,35.86,139.64,-,8時30分,○\n");
        var (report, lines) = Convert(sb.ToString());
        Assert.Equal(rows + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",08:30,,,有,,,,,,,", l, StringComparison.Ordinal));
        // Every row counts, although the value was normalized once.
        var timeCode = report.Issues.First(i => i.Column == "開始時間").Code;
        var time = Assert.Single(report.Summary, s => s.Code == timeCode);
        Assert.Equal(rows, time.Count);
        Assert.Equal(rows, Assert.Single(report.Summary, s => s.Code == IssueCode.MissingPlaceholder).Count);
        // The listed issues name each row (the first 1,000 per code), in order.
        var listed = report.Issues.Where(i => i.Code == time.Code).Select(i => i.Row).ToList();
        Assert.Equal(Enumerable.Range(2, 1000).Select(r => (int?)r), listed);
    }

    [Fact]
    public void Duplicate_ids_are_found_whether_numeric_or_not()
    {
        var (report, _) = Convert(Header
            + "111007,5,a,,35.86,139.64,,,\n"
            + "111007,7,b,,35.86,139.64,,,\n"
            + "111007,A1,c,,35.86,139.64,,,\n"
            + "111007,5,d,,35.86,139.64,,,\n"   // duplicate of 5
            + "111007,07,e,,35.86,139.64,,,\n"  // "07" is not "7"
            + "111007,A1,f,,35.86,139.64,,,\n"  // duplicate of A1
            + "111007,99999999,g,,35.86,139.64,,,\n"
            + "111007,99999999,h,,35.86,139.64,,,\n"); // duplicate, at the top of the bit set's range
        var dups = report.Issues.Where(i => i.Code == IssueCode.DuplicateId).Select(i => (i.Row, i.Value)).ToList();
        Assert.Equal([(5, "5"), (7, "A1"), (9, "99999999")], dups);
    }

    [Fact]
    public void Rows_held_back_as_possible_footnotes_keep_their_cells_while_later_rows_are_read()
    {
        // The reader refills one cell array per row while converting; a footnote-like row in the middle of the data is
        // held back until the next data row shows it was data, so it must keep its own copy of its cells.
        var sb = new StringBuilder(Header);
        for (var i = 1; i <= 300; i++)
        {
            sb.Append(i % 100 == 50 ? $"※注記{i},,,,,,,,\n" : $"111007,{i},施設{i},さいたま市浦和区常盤6-4-4,35.86,139.64,048-829-1111,08:30,有\n");
        }
        var (_, lines) = Convert(sb.ToString());
        Assert.Equal(301, lines.Length);
        for (var i = 1; i <= 300; i++)
        {
            if (i % 100 == 50) Assert.StartsWith($"※注記{i},", lines[i], StringComparison.Ordinal);
            else Assert.StartsWith($"111007,{i},埼玉県さいたま市,施設{i},", lines[i], StringComparison.Ordinal);
        }
    }
}
