using Musubi.Convert;
using Musubi.Tests.Support;
using static Musubi.Tests.Read.XlsxBuilder;

namespace Musubi.Tests.Convert;

/// <summary>
/// Issue 12: what the converter writes on files nobody here has seen, one class of defect per region, each on a
/// fixture of our own (tests/Musubi.Tests/Fixtures/correct, invented rows): values written wrong, mapping misses, valid
/// values reported as errors, detection, and the report's honesty about how much content was converted.
/// </summary>
public sealed class ConvertCorrectnessTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-correct-");

    public void Dispose() => _dir.Delete(recursive: true);

    internal static string Fixture(string name) => CliProcess.Fixture("correct", name);

    private (ConvertReport Report, List<Dictionary<string, string>> Rows) Convert(string input, string? schema = null)
    {
        var output = Path.Combine(_dir.FullName, Path.GetFileNameWithoutExtension(input) + ".out.csv");
        var report = Ops.Convert(new ConvertRequest { Input = ConvertInput.FromFile(input), Output = ConvertOutput.ToFile(output), SchemaId = schema });
        return (report, ReadCsv(output));
    }

    internal static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = ConvertSampleTests.SplitCsv(lines[0].TrimStart('\uFEFF'));
        return lines.Skip(1).Select(l => ConvertSampleTests.SplitCsv(l).Select((v, i) => (header[i], v)).ToDictionary(t => t.Item1, t => t.v)).ToList();
    }

    // ── 1. Values written wrong ──

    [Fact]
    public void Excel_time_cells_of_0_and_near_1_are_times_of_day_not_dates()
    {
        var path = Path.Combine(_dir.FullName, "toilet_times.xlsx");
        File.WriteAllBytes(path, Build([("公衆トイレ", [
            [Text("名称"), Text("所在地_連結表記"), Text("設置位置"), Text("利用開始時間"), Text("利用終了時間")],
            [Text("花畑広場トイレ"), Text("熊本県熊本市中央区花畑町4-1"), Text("広場東側"), Styled(0, 2), Styled(0.999999, 2)],
            [Text("辛島公園トイレ"), Text("熊本県熊本市中央区辛島町5-1"), Text("公園北側"), Styled(0.375, 2), Styled(0.75, 2)],
        ])]));
        var (report, rows) = Convert(path);
        Assert.Equal("public-toilet", report.Schema);
        Assert.Equal("00:00", rows[0]["利用開始時間"]);
        Assert.Equal("23:59", rows[0]["利用終了時間"]);
        Assert.Equal("09:00", rows[1]["利用開始時間"]);
        Assert.Equal("18:00", rows[1]["利用終了時間"]);
        Assert.DoesNotContain(report.Issues, i => i.Code == "invalid-time");
    }

    [Fact]
    public void Csv_time_fractions_and_coordinates_keep_their_meaning_and_precision()
    {
        var (report, rows) = Convert(Fixture("toilet_values.csv"));
        Assert.Equal("00:00", rows[0]["利用開始時間"]);
        Assert.Equal("23:59", rows[0]["利用終了時間"]);
        // The source's 8 decimals are its precision: kept, and no "fix" reported.
        Assert.Equal("32.80233412", rows[0]["緯度"]);
        Assert.Equal("130.70711234", rows[0]["経度"]);
        Assert.DoesNotContain(report.Issues, i => i.Code == "coordinate-rounded");
    }

    [Fact]
    public void A_whole_address_in_the_municipality_column_is_split_into_the_parts()
    {
        var (report, rows) = Convert(Fixture("toilet_values.csv"));
        Assert.Equal("熊本県熊本市中央区花畑町4-1", rows[0]["所在地_連結表記"]);
        Assert.Equal("熊本県", rows[0]["所在地_都道府県"]);
        Assert.Equal("熊本市中央区", rows[0]["所在地_市区町村"]);
        Assert.Equal("431010", rows[0]["所在地_全国地方公共団体コード"]);
        Assert.Contains(report.Issues, i => i.Code == "address-part-split" && i.Row == 2);
    }

    [Fact]
    public void The_block_number_is_normalized_like_the_phone_numbers_and_the_full_address_agrees()
    {
        var (report, rows) = Convert(Fixture("toilet_values.csv"));
        Assert.Equal("5-1", rows[1]["所在地_番地以下"]);
        Assert.Equal("熊本県熊本市中央区辛島町5-1", rows[1]["所在地_連結表記"]);
        Assert.Equal("12-3", rows[2]["所在地_番地以下"]);
        Assert.Contains(report.Issues, i => i.Code == "address-rest-normalized");
    }

    [Fact]
    public void The_located_code_is_filled_when_the_full_address_is_built_from_parts()
    {
        var (report, rows) = Convert(Fixture("toilet_values.csv"));
        Assert.Equal("431010", rows[1]["所在地_全国地方公共団体コード"]);
        Assert.Equal("熊本県", rows[1]["所在地_都道府県"]);
        Assert.Contains(report.Issues, i => i.Code == "located-code-filled");
    }

    [Fact]
    public void A_row_with_only_a_code_and_an_id_is_a_blank_record_and_not_written()
    {
        var (report, rows) = Convert(Fixture("toilet_values.csv"));
        Assert.Equal(4, report.RowsRead);
        Assert.Equal(3, report.RowsWritten);
        Assert.Equal(1, report.BlankRecords);
        Assert.DoesNotContain(rows, r => r["ID"] == "3");
        var blank = Assert.Single(report.Issues, i => i.Code == "blank-record");
        Assert.Equal(4, blank.Row);
    }

    [Fact]
    public void The_owner_code_comes_from_the_addresses_when_all_lie_in_one_municipality()
    {
        // Three wards of one designated city: the owner is the city (431001), each row's located code its ward.
        var (report, rows) = Convert(Fixture("toilets_owner_unknown.csv"));
        Assert.Null(report.Publisher);
        Assert.All(rows, r => Assert.Equal("431001", r["全国地方公共団体コード"]));
        Assert.Equal("431010", rows[0]["所在地_全国地方公共団体コード"]);
        Assert.Equal("431028", rows[1]["所在地_全国地方公共団体コード"]);
        Assert.Equal("431036", rows[2]["所在地_全国地方公共団体コード"]);
        Assert.Contains(report.Issues, i => i.Code == "lg-code-from-addresses");
    }

    [Fact]
    public void Addresses_in_two_municipalities_give_no_owner_code()
    {
        var (_, rows) = Convert(Fixture("toilets_two_towns.csv"));
        Assert.All(rows, r => Assert.Equal("", r["全国地方公共団体コード"]));
        Assert.Equal("434035", rows[1]["所在地_全国地方公共団体コード"]);
    }

    // ── 2. Mapping misses ──

    [Fact]
    public void Columns_named_in_other_words_reach_their_standard_fields()
    {
        var (report, rows) = Convert(Fixture("event_other_words.csv"));
        Assert.Equal("event", report.Schema);
        string? FieldOf(string source) => report.Columns.Single(c => c.Source == source).Field;
        Assert.Equal("説明", FieldOf("イベント説明"));
        Assert.Equal("開始時間", FieldOf("イベント開始時刻"));
        Assert.Equal("終了時間", FieldOf("イベント終了時刻"));
        Assert.Equal("連絡先内線番号", FieldOf("内線電話"));
        Assert.Equal("建物名等(方書)", FieldOf("建物名等方書"));
        Assert.Equal("10:00", rows[0]["開始時間"]);
        Assert.Equal("身近な材料で実験をします", rows[0]["説明"]);
        Assert.Equal("123", rows[0]["連絡先内線番号"]);
        // 料金 is an alias of 料金(基本), a number: "無料" does not fit it, so it goes to the text field 料金(詳細).
        Assert.Equal("料金(詳細)", FieldOf("料金"));
        Assert.Equal("無料", rows[0]["料金(詳細)"]);
        Assert.DoesNotContain(report.Issues, i => i.Code == "invalid-number");
    }

    [Fact]
    public void A_combined_town_and_block_column_is_split_into_two_fields()
    {
        var (report, rows) = Convert(Fixture("event_other_words.csv"));
        Assert.Equal("所在地_町字", report.Columns.Single(c => c.Source == "所在地_町字以下").Field);
        Assert.Equal("手取本町", rows[0]["所在地_町字"]);
        Assert.Equal("1-1", rows[0]["所在地_番地以下"]);
        Assert.Equal("島崎4丁目", rows[1]["所在地_町字"]);
        Assert.Equal("5-6", rows[1]["所在地_番地以下"]);
        Assert.Equal("熊本県熊本市中央区手取本町1-1 3階", rows[0]["所在地_連結表記"]);
    }

    [Fact]
    public void A_count_column_never_goes_to_a_yes_no_field_and_the_flag_is_derived_from_it()
    {
        var (report, rows) = Convert(Fixture("toilet_values.csv"));
        Assert.Null(report.Columns.Single(c => c.Source == "車椅子使用者用トイレ数").Field);
        Assert.Equal("有", rows[0]["車椅子使用者用トイレ有無"]);
        Assert.Equal("無", rows[1]["車椅子使用者用トイレ有無"]);
        Assert.Contains(report.Issues, i => i.Code == "flag-from-count");
        Assert.DoesNotContain(report.Issues, i => i.Code == "invalid-flag");
        var extra = File.ReadAllLines(report.ExtraColumnsFile!);
        Assert.Contains("車椅子使用者用トイレ数", extra[0], StringComparison.Ordinal);
        Assert.EndsWith(",2", extra[1], StringComparison.Ordinal);
    }

    // ── 5. Report honesty ──

    [Fact]
    public void The_report_says_how_much_content_reached_a_standard_field_and_which_required_fields_stayed_empty()
    {
        var (report, _) = Convert(Fixture("toilet_values.csv"));
        // 4 rows: 10 + 12 + 2 + 11 non-blank cells = 35; the count column (3 non-blank cells) reaches no standard field.
        Assert.Equal(35, report.SourceCellsTotal);
        Assert.Equal(32, report.SourceCellsMapped);
        Assert.Equal(1, report.RequiredFieldsEmpty["設置位置"]);
        Assert.False(report.RequiredFieldsEmpty.ContainsKey("名称"));
        var json = report.ToJson();
        Assert.Contains("\"sourceCellsMapped\": 32", json, StringComparison.Ordinal);
        Assert.Contains("\"requiredFieldsEmpty\": {", json, StringComparison.Ordinal);
    }
}
