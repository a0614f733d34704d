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

    // ── 3. Valid values reported as errors ──

    [Fact]
    public void Kinds_written_as_variants_sub_kinds_or_with_the_owner_in_another_column_are_the_standard_values()
    {
        var (report, rows) = Convert(Fixture("childcare_kinds.csv"));
        Assert.Equal("childcare-facility", report.Schema);
        Assert.Equal("認可公立保育所", rows[0]["種別"]); // 区立 + 施設種別 認可保育園
        Assert.Equal("認可私立保育所", rows[1]["種別"]);
        Assert.Equal("認定こども園（幼保連携型）", rows[2]["種別"]);
        Assert.Equal("児童館", rows[3]["種別"]); // the schema's description says these occur
        Assert.Equal("放課後児童クラブ", rows[4]["種別"]);
        Assert.Equal("認定こども園（保育所型）", rows[5]["種別"]); // 子ども for こども
        Assert.DoesNotContain(report.Issues, i => i.Code == "enum-mismatch");
        Assert.Contains(report.Issues, i => i.Code == "enum-synonym" && i.Row == 2 && i.Value == "区立");
    }

    [Fact]
    public void Yes_written_as_a_word_or_with_a_note_is_yes()
    {
        var (report, rows) = Convert(Fixture("childcare_kinds.csv"));
        Assert.Equal("有", rows[0]["一時預かりの有無"]);
        Assert.Equal("有", rows[0]["授乳室"]);
        Assert.Equal("有", rows[2]["一時預かりの有無"]);
        Assert.Equal("無", rows[1]["授乳室"]);
        Assert.DoesNotContain(report.Issues, i => i.Code == "invalid-flag");
    }

    [Fact]
    public void Two_level_and_bracketed_kinds_are_their_listed_part()
    {
        var (report, rows) = Convert(Fixture("cultural_kinds.csv"));
        Assert.Equal("cultural-property", report.Schema);
        Assert.Equal("美術工芸品", rows[0]["種類"]);
        Assert.Equal("その他", rows[1]["種類"]); // 史跡 is a 記念物, which the list files under その他
        Assert.Equal("建造物", rows[2]["種類"]);
        Assert.Equal("美術工芸品", rows[3]["種類"]); // 歴史資料 is a sub-kind of 美術工芸品
        Assert.DoesNotContain(report.Issues, i => i.Code == "enum-mismatch");
    }

    // ── 4. Detection ──

    [Fact]
    public void Header_cells_with_a_line_break_and_a_bracketed_note_are_read_as_their_fields()
    {
        var (report, rows) = Convert(Fixture("aed_header_newline.csv"));
        Assert.Equal(1, report.HeaderRow);
        Assert.Equal("ID", report.Columns[0].Field);
        Assert.Equal("名称", report.Columns[1].Field);
        Assert.Equal("市役所本庁舎", rows[0]["名称"]);
        Assert.False(report.RequiredFieldsEmpty.ContainsKey("名称"));
    }

    [Fact]
    public void A_table_named_in_other_words_is_recognised_by_its_values()
    {
        var (report, rows) = Convert(Fixture("list_2026.csv"));
        Assert.Equal("childcare-facility", report.Schema);
        Assert.Equal("種別", report.Columns.Single(c => c.Source == "施設区分").Field);
        Assert.Equal("名称", report.Columns.Single(c => c.Source == "名前").Field);
        Assert.Equal("認可公立保育所", rows[0]["種別"]);
    }

    [Fact]
    public void A_linkdata_file_whose_header_is_rdf_properties_is_read()
    {
        var (report, rows) = Convert(Fixture("sightseeing_linkdata.csv"));
        Assert.Equal("tourist-facility", report.Schema);
        Assert.Equal("名称", report.Columns.Single(c => c.Source == "rdfs:label").Field);
        Assert.Equal("緯度", report.Columns.Single(c => c.Source == "geo:lat").Field);
        Assert.Equal("経度", report.Columns.Single(c => c.Source == "geo:long").Field);
        Assert.Equal("所在地_連結表記", report.Columns.Single(c => c.Source == "schema:address").Field);
        Assert.NotNull(report.Columns.Single(c => c.Source == "http://schema.org/telephone").Field);
        Assert.Equal("旧家住宅", rows[0]["名称"]);
    }

    [Fact]
    public void A_table_that_is_no_standard_dataset_is_refused_naming_the_missing_required_fields()
    {
        var result = Ops.TryConvert(new ConvertRequest
        {
            Input = ConvertInput.FromFile(Fixture("resource_listing_event.csv")),
            Output = ConvertOutput.ToFile(Path.Combine(_dir.FullName, "refused.csv")),
        });
        Assert.False(result.IsOk);
        Assert.Equal(Musubi.Operations.ErrorKind.CannotRead, result.Error.Kind);
        Assert.Contains("開始日", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("所在地_連結表記", result.Error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "refused.csv")));
        // Given the schema, the user still gets the conversion.
        var (given, _) = Convert(Fixture("resource_listing_event.csv"), schema: "event");
        Assert.Equal("given", given.SchemaChosenBy);
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
