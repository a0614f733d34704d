using System.Text.Json;
using Musubi.Convert;
using Musubi.Issues;
using Musubi.Tests.Support;

namespace Musubi.Tests.Convert;

/// <summary>End-to-end conversion of the bundled messy sample (samples/111007_aed.csv): every quirk it carries is fixed or reported.</summary>
public sealed class ConvertSampleTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-sample-");

    public void Dispose() => _dir.Delete(recursive: true);

    private (ConvertReport Report, List<Dictionary<string, string>> Rows) Convert()
    {
        var output = Path.Combine(_dir.FullName, "aed.csv");
        var report = Ops.Convert(new ConvertRequest { Input = ConvertInput.FromFile(CliProcess.Sample("111007_aed.csv")), Output = ConvertOutput.ToFile(output) });
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => SplitCsv(l).Select((v, i) => (header[i], v)).ToDictionary(t => t.Item1, t => t.v)).ToList();
        return (report, rows);
    }

    [Fact]
    public void Detects_the_aed_schema_and_reads_cp932_below_the_title_row()
    {
        var (report, rows) = Convert();
        Assert.Equal("aed", report.Schema);
        Assert.True(report.Confidence >= 0.7, $"confidence {report.Confidence}");
        Assert.Equal("CP932", report.Encoding);
        Assert.Equal(2, report.HeaderRow);
        Assert.Equal(5, report.RowsRead);
        Assert.Equal(5, rows.Count); // the ※ footnote row is not data
    }

    [Fact]
    public void Writes_the_current_standard_layout()
    {
        var (report, _) = Convert();
        var header = File.ReadLines(report.Output!).First().Split(',');
        Assert.Equal(["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記"], header[..9]);
    }

    [Fact]
    public void Maps_old_column_names_and_keeps_unmapped_columns_in_the_extra_file()
    {
        var (report, _) = Convert();
        Assert.Contains(report.Columns, c => c.Source == "都道府県コード又は市区町村コード" && c.Field == "全国地方公共団体コード");
        Assert.Contains(report.Columns, c => c.Source == "NO" && c.Field == "ID");
        Assert.Contains(report.Columns, c => c.Source == "住所" && c.Field == "所在地_連結表記");
        Assert.Contains(report.Columns, c => c.Source == "方書" && c.Field == "建物名等(方書)");
        Assert.Contains(report.Columns, c => c.Source == "設置日" && c.Field == null);
        Assert.NotNull(report.ExtraColumnsFile);
        var extra = File.ReadAllLines(report.ExtraColumnsFile!);
        Assert.Equal("row,ID,設置日", extra[0]);
        Assert.Contains("令和元年5月1日", extra[1]);
    }

    [Fact]
    public void Fixes_values_and_records_every_change()
    {
        var (report, rows) = Convert();
        Assert.Equal("111007", rows[0]["全国地方公共団体コード"]); // 5-digit code, check digit added
        Assert.Equal("35.861729", rows[0]["緯度"]); // 経度 column came first in the source
        Assert.Equal("139.645656", rows[0]["経度"]);
        Assert.Equal("35.8617", rows[1]["緯度"]); // swapped pair detected by Japan's bounds
        Assert.Equal("139.6457", rows[1]["経度"]);
        Assert.Equal("", rows[2]["緯度"]); // "-" placeholder
        Assert.Equal("", rows[3]["緯度"]); // 0,0
        Assert.Equal("08:30", rows[0]["開始時間"]);
        Assert.Equal("17:15", rows[0]["終了時間"]);
        Assert.Equal("サイタマシヤクショ", rows[0]["名称_カナ"]);
        Assert.Equal("オオミヤトショカン", rows[2]["名称_カナ"]);
        Assert.Equal("有", rows[1]["小児対応設備の有無"]);
        Assert.Equal("無", rows[2]["小児対応設備の有無"]);
        Assert.Equal("048-829-1111", rows[0]["電話番号"]);
        Assert.Equal("'=HYPERLINK(\"http://example.com\")", rows[3]["名称"]);
        Assert.Contains(report.Issues, i => i.Code == "coordinates-swapped" && i.Row == 4);
        Assert.Contains(report.Issues, i => i.Code == "coordinates-zero" && i.Row == 6);
        Assert.Contains(report.Issues, i => i.Code == "missing-placeholder" && i.Row == 5);
        Assert.Contains(report.Issues, i => i.Code == IssueCode.FormulaNeutralized);
        Assert.Contains(report.Issues, i => i.Code == IssueCode.HeaderNotFirstRow);
        Assert.All(report.Issues.Where(i => i.Severity == Severity.Fixed && i.Row is not null && i.Column is not null), i => Assert.NotNull(i.FixedValue));
    }

    [Fact]
    public void Reports_what_it_could_not_fix()
    {
        var (report, _) = Convert();
        var bad = Assert.Single(report.Issues, i => i.Code == "lg-code-check-digit");
        Assert.Equal(6, bad.Row);
        Assert.Equal("全国地方公共団体コード", bad.Column);
        Assert.Equal("111000", bad.Value);
        Assert.Equal(Severity.Error, bad.Severity);
        var dup = Assert.Single(report.Issues, i => i.Code == IssueCode.DuplicateId);
        Assert.Equal(7, dup.Row);
        Assert.False(report.RequiredFieldErrors);
    }

    [Fact]
    public void Report_json_has_the_documented_keys()
    {
        var (report, _) = Convert();
        using var doc = JsonDocument.Parse(report.ToJson());
        foreach (var key in new[] { "schema", "confidence", "encoding", "rowsRead", "rowsWritten", "columns", "issues", "summary" })
            Assert.True(doc.RootElement.TryGetProperty(key, out _), key);
        var issue = doc.RootElement.GetProperty("issues")[0];
        foreach (var key in new[] { "code", "severity", "row", "column", "value", "fixedValue", "message" })
            Assert.True(issue.TryGetProperty(key, out _), key);
        var column = doc.RootElement.GetProperty("columns")[0];
        foreach (var key in new[] { "source", "field", "how" })
            Assert.True(column.TryGetProperty(key, out _), key);
    }

    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return cells;
    }
}
