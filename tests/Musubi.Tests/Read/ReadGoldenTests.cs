using System.IO.Compression;
using Musubi.Read;
using static Musubi.Tests.Read.XlsxBuilder;

namespace Musubi.Tests.Read;

public sealed class ReadGoldenTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("musubi-read-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "read", name);

    private static (RawTable Table, List<RawRow> Rows) ReadOne(string path, ReadOptions? options = null)
    {
        var tables = TableReader.Open(path, options);
        var t = Assert.Single(tables);
        var rows = t.Rows.ToList();
        t.Dispose();
        foreach (var r in rows) Assert.Equal(t.Header.Count, r.Cells.Length);
        return (t, rows);
    }

    private string Temp(string name, byte[] bytes)
    {
        var p = Path.Combine(_temp, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [Fact]
    public void Utf8_with_bom()
    {
        var (t, rows) = ReadOne(Fixture("utf8bom.csv"));
        Assert.Equal("UTF-8-BOM", t.Encoding);
        Assert.Equal("csv", t.Format);
        Assert.Equal(["名称", "緯度", "経度"], t.Header);
        Assert.Equal(1, t.HeaderRowNumber);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new RawRow(2, ["中央公園", "34.34", "134.04"]), rows[0] with { Cells = rows[0].Cells }, RowComparer.Instance);
    }

    [Fact]
    public void Cp932_with_windows_extension_characters()
    {
        var (t, rows) = ReadOne(Fixture("cp932.csv"));
        Assert.Equal("CP932", t.Encoding);
        Assert.Equal(["名称", "住所", "電話番号"], t.Header);
        Assert.Equal("㈱テスト①", rows[0].Cells[0]);
        Assert.Equal("髙橋医院", rows[1].Cells[0]);
    }

    [Fact]
    public void Forced_encoding_overrides_detection()
    {
        var (t, rows) = ReadOne(Fixture("cp932.csv"), new ReadOptions { Encoding = "shift_jis" });
        Assert.Equal("CP932", t.Encoding);
        Assert.Equal("㈱テスト①", rows[0].Cells[0]);
    }

    [Fact]
    public void Utf16le_with_bom_and_tabs()
    {
        var (t, rows) = ReadOne(Fixture("utf16le.csv"));
        Assert.Equal("UTF-16LE", t.Encoding);
        Assert.Equal("tsv", t.Format);
        Assert.Equal(["名称", "住所"], t.Header);
        Assert.Equal(["Ｂ公園", "丸亀市"], rows[1].Cells);
    }

    [Fact]
    public void Euc_jp()
    {
        var (t, rows) = ReadOne(Fixture("eucjp.csv"));
        Assert.Equal("EUC-JP", t.Encoding);
        Assert.Equal(["名称", "住所"], t.Header);
        Assert.Equal("ひまわり保育園", rows[0].Cells[0]);
    }

    [Fact]
    public void Tsv_keeps_commas_inside_cells()
    {
        var (t, rows) = ReadOne(Fixture("plain.tsv"));
        Assert.Equal("tsv", t.Format);
        Assert.Equal(["名称", "住所", "備考"], t.Header);
        Assert.Equal(["図書館", "高松市1-1", "2,000冊"], rows[0].Cells);
        Assert.Equal(["公民館", "高松市2-2", ""], rows[1].Cells);
    }

    [Fact]
    public void Semicolon_delimiter()
    {
        var (t, rows) = ReadOne(Fixture("semicolon.csv"));
        Assert.Equal(["名称", "住所", "定員"], t.Header);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["C園", "高松市3", "60"], rows[2].Cells);
    }

    [Fact]
    public void Title_rows_above_the_header_go_to_the_preamble()
    {
        var (t, rows) = ReadOne(Fixture("title_rows.csv"));
        Assert.Equal(4, t.HeaderRowNumber);
        Assert.Equal(["港区内認可保育園等一覧 Ver201612", "令和4年1月1日現在", "単位：人"], t.Preamble);
        Assert.Equal(["施設種別", "地区", "保育園名", "所在地", "定員"], t.Header);
        Assert.Equal(5, rows[0].RowNumber);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Comment_line_before_the_header()
    {
        var (t, rows) = ReadOne(Fixture("comment.csv"));
        Assert.Equal(2, t.HeaderRowNumber);
        Assert.Equal(["No", "施設名", "所在地"], t.Header);
        Assert.Equal(["#子育て・認定こども園・幼稚園"], t.Preamble);
        Assert.Equal(2, rows.Count);
        Assert.Contains(t.ReadNotes, n => n.Code == "comment-skipped");
    }

    [Fact]
    public void Footnotes_below_the_data_are_cut_and_noted()
    {
        var (t, rows) = ReadOne(Fixture("footnotes.csv"));
        Assert.Equal(["A園", "※休園中", "B園"], rows.Select(r => r.Cells[0]));
        Assert.Equal([2, 3, 4], rows.Select(r => r.RowNumber));
        var notes = t.ReadNotes.Where(n => n.Code == "footnote-skipped").ToList();
        Assert.Equal([6, 7, 8, 9], notes.Select(n => n.Row));
        Assert.Contains("資料：こども課", notes[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_newlines_including_lone_cr()
    {
        var (t, rows) = ReadOne(Fixture("newlines.csv"));
        Assert.Equal(["名称", "説明", "備考"], t.Header);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["A", "一行目\r\n二行目", "LF\nだけ"], rows[0].Cells);
        Assert.Equal(["B", "CR\rだけ", "引用\"符\""], rows[1].Cells);
        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Ragged_rows_are_padded_or_trimmed_and_noted()
    {
        var (t, rows) = ReadOne(Fixture("ragged.csv"));
        Assert.Equal(["a", "b", "c"], t.Header);
        Assert.Equal(["4", "5", ""], rows[1].Cells);
        Assert.Equal(["6", "7", "8"], rows[2].Cells);
        Assert.Equal(["10", "11", "12"], rows[3].Cells);
        var ragged = t.ReadNotes.Where(n => n.Code == "ragged-row").Select(n => n.Row).ToList();
        Assert.Equal([3, 4], ragged);
    }

    [Fact]
    public void Quoted_empty_cells_and_ckan_id_column()
    {
        var (t, rows) = ReadOne(Fixture("quoted_empty.csv"));
        Assert.Equal(["_id", "名称", "方書", "緯度"], t.Header);
        Assert.Equal(["1", "A公園", "", ""], rows[0].Cells);
        Assert.Equal(["2", "B公園", "2階", "36.5"], rows[1].Cells);
    }

    [Fact]
    public void Leading_empty_columns_are_dropped_and_header_newline_joined()
    {
        var (t, rows) = ReadOne(Fixture("leading_empty.csv"));
        Assert.Equal(3, t.HeaderRowNumber);
        Assert.Equal(["東京都災害拠点病院一覧", "令和4年1月1日現在"], t.Preamble);
        Assert.Equal(["二次保健医療圏", "施設名", "所在地", "病床数", "三次救急"], t.Header);
        Assert.Equal(["", "三井記念病院", "千代田区2", "482", ""], rows[1].Cells);
        Assert.Contains(t.ReadNotes, n => n.Code == "empty-columns-dropped");
    }

    [Fact]
    public void Two_row_header_is_combined()
    {
        var (t, rows) = ReadOne(Fixture("two_row_header.csv"));
        Assert.Equal(["診　療　所　名", "郵便番号", "病床数_一般", "病床数_療養", "病床数_計", "開設年月日"], t.Header);
        Assert.Equal(2, rows.Count);
        Assert.Equal(3, rows[0].RowNumber);
        Assert.Contains(t.ReadNotes, n => n.Code == "two-row-header");
    }

    [Fact]
    public void LinkData_property_row_is_the_header()
    {
        var (t, rows) = ReadOne(Fixture("linkdata.csv"));
        Assert.Equal(3, t.HeaderRowNumber);
        Assert.Equal(["", "name", "address", "location"], t.Header);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "サラマンダー", "高松市番町1", "34.34,134.04"], rows[0].Cells);
        Assert.Contains("#lang ja", t.Preamble);
    }

    [Fact]
    public void Zip_named_csv_is_refused()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            using var w = new StreamWriter(zip.CreateEntry("data.csv").Open());
            w.Write("a,b\n1,2\n");
        }
        var path = Temp("data.csv", ms.ToArray());
        var e = Assert.Throws<InputException>(() => TableReader.Open(path));
        Assert.Equal("data.csv: is a ZIP archive, not a CSV", e.Message);
    }

    [Fact]
    public void Xlsx_named_csv_is_read_as_xlsx()
    {
        var bytes = Build([("S", [[Text("名称"), Text("数")], [Text("A"), Number(1)]])]);
        var (t, rows) = ReadOne(Temp("book.csv", bytes));
        Assert.Equal("xlsx", t.Format);
        Assert.Equal(["A", "1"], rows[0].Cells);
        Assert.Contains(t.ReadNotes, n => n.Code == "renamed-workbook");
    }

    [Fact]
    public void Html_named_csv_is_refused()
    {
        var e = Assert.Throws<InputException>(() => TableReader.Open(Fixture("html.csv")));
        Assert.Equal("html.csv: is an HTML page, not a table", e.Message);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var e = Assert.Throws<InputException>(() => TableReader.Open(Fixture("empty.csv")));
        Assert.Equal("empty.csv: is empty", e.Message);
    }

    [Fact]
    public void Blank_lines_only_is_refused()
    {
        var e = Assert.Throws<InputException>(() => TableReader.Open(Temp("blank.csv", "\r\n,,,\r\n  \r\n"u8.ToArray())));
        Assert.StartsWith("blank.csv: is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_is_refused()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x00;
        var e = Assert.Throws<InputException>(() => TableReader.Open(Temp("garbage.csv", bytes)));
        Assert.StartsWith("garbage.csv: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_and_size_limit()
    {
        var e = Assert.Throws<InputException>(() => TableReader.Open(Path.Combine(_temp, "nope.csv")));
        Assert.Equal("nope.csv: file not found", e.Message);
        e = Assert.Throws<InputException>(() => TableReader.Open(Fixture("utf8bom.csv"), new ReadOptions { MaxBytes = 10 }));
        Assert.Contains("over the limit input-bytes=10", e.Message, StringComparison.Ordinal);
        Assert.Equal("input-bytes", e.Limit);
    }

    [Fact]
    public void Xlsx_with_two_sheets_dates_times_numbers_and_furigana()
    {
        string[] sst =
        [
            "<t>対象</t><rPh sb=\"0\" eb=\"2\"><t>タイショウ</t></rPh><phoneticPr fontId=\"1\"/>",
            "<r><t>高松</t></r><r><rPr><b/></rPr><t>市役所</t></r><rPh sb=\"0\" eb=\"2\"><t>タカマツ</t></rPh><phoneticPr fontId=\"1\"/>",
            "<t xml:space=\"preserve\">  開催日　</t>",
        ];
        var bytes = Build(
        [
            ("イベント",
            [
                [Text("令和5年度イベント一覧")],
                [],
                [Shared(0), Shared(2), Text("開始"), Text("日時"), Text("人数"), Text("率"), Text("可否")],
                [Shared(1), Styled(45000, 1), Styled(0.375, 2), Styled(45000.5, 3), Number(1200), Number(0.1 + 0.2), Bool(true)],
                [Text(" 全員 "), Styled(45001, 1), Styled(0.75, 2), Styled(45001.25, 3), Number(12345678901234), Number(1e-7), Bool(false)],
                [Text("※雨天中止")],
            ]),
            ("空", []),
            ("二枚目", [[Text("名称"), Text("住所")], [Text("A"), Text("B")]]),
        ], sst);
        var tables = TableReader.Open(Temp("events.xlsx", bytes));
        Assert.Equal(2, tables.Count);
        var t = tables[0];
        Assert.Equal("xlsx", t.Format);
        Assert.Equal("n/a", t.Encoding);
        Assert.Equal("イベント", t.Sheet);
        Assert.Equal(3, t.HeaderRowNumber);
        Assert.Equal(["令和5年度イベント一覧"], t.Preamble);
        Assert.Equal(["対象", "開催日", "開始", "日時", "人数", "率", "可否"], t.Header);
        var rows = t.Rows.ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["高松市役所", "2023-03-15", "09:00", "2023-03-15 12:00", "1200", "0.3", "TRUE"], rows[0].Cells);
        Assert.Equal(["全員", "2023-03-16", "18:00", "2023-03-16 06:00", "12345678901234", "0.0000001", "FALSE"], rows[1].Cells);
        Assert.Equal(4, rows[0].RowNumber);
        Assert.Contains(t.ReadNotes, n => n.Code == "footnote-skipped" && n.Row == 6);
        Assert.Equal("二枚目", tables[1].Sheet);
        Assert.Equal(["A", "B"], Assert.Single(tables[1].Rows).Cells);
        foreach (var x in tables) x.Dispose();
    }

    [Fact]
    public void Long_sheet_streams_past_the_buffer()
    {
        var rows = new List<string?[]> { new[] { Text("番号"), Text("名前") } };
        for (var i = 1; i <= 500; i++) rows.Add([Number(i), Text("n" + i)]);
        var bytes = Build([("S", rows.ToArray())]);
        var (_, read) = ReadOne(Temp("long.xlsx", bytes));
        Assert.Equal(500, read.Count);
        Assert.Equal(Enumerable.Range(2, 500), read.Select(r => r.RowNumber));
        Assert.Equal(["500", "n500"], read[^1].Cells);
    }

    [Fact]
    public void Zip_bomb_is_refused_before_parsing()
    {
        var path = Path.Combine(_temp, "bomb.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("xl/workbook.xml").Open().Dispose();
            using var s = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 80; i++) s.Write(zeros);
        }
        var e = Assert.Throws<InputException>(() => TableReader.Open(path));
        Assert.True(e.Message.Contains("zip bomb", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Csv_rows_stream_lazily_from_a_large_file()
    {
        var path = Path.Combine(_temp, "big.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("id,name,value\n");
            for (var i = 0; i < 200_000; i++) w.Write($"{i},name{i},{i * 3}\n");
        }
        using var t = Assert.Single(TableReader.Open(path));
        var n = 0;
        var last = default(RawRow);
        foreach (var r in t.Rows)
        {
            n++;
            last = r;
        }
        Assert.Equal(200_000, n);
        Assert.Equal(200_001, last.RowNumber);
        Assert.Equal(["199999", "name199999", "599997"], last.Cells);
    }

    [Fact]
    public void Huge_cells_and_rows_are_refused_naming_the_limit_row_and_column()
    {
        var path = Path.Combine(_temp, "huge.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("a,b\n1,");
            w.Write(new string('x', 150_000));
            w.Write("\n");
        }
        var e = Assert.Throws<InputException>(() => ReadOne(path));
        Assert.Equal("cell-chars", e.Limit);
        Assert.Equal(2, e.Row);
        Assert.Equal("2", e.Column);
        Assert.StartsWith("huge.csv, row 2, column 2: has a cell of 150,000 characters, over the limit cell-chars=100,000", e.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "a,b\n2," + string.Join(",", Enumerable.Range(0, 20_000)) + "\n");
        e = Assert.Throws<InputException>(() => ReadOne(path));
        Assert.Equal("columns", e.Limit);
        Assert.Equal(2, e.Row);

        // Raised limits take the same files.
        var (_, rows) = ReadOne(path, new ReadOptions { Limits = ReadLimits.Default with { Columns = 30_000 } });
        Assert.Equal(20_001, rows[0].Cells.Length);
    }

    [Fact]
    public void Data_rows_wider_than_the_header_get_unnamed_columns()
    {
        var path = Temp("wide.csv", "ID,名称,\"住所,電話番号\",定員\n1,A,高松市1,087-1,30\n2,B,高松市2,087-2,40\n"u8.ToArray());
        var (t, rows) = ReadOne(path);
        Assert.Equal(["ID", "名称", "住所,電話番号", "定員", ""], t.Header);
        Assert.Equal(["2", "B", "高松市2", "087-2", "40"], rows[1].Cells);
        Assert.Contains(t.ReadNotes, n => n.Code == "header-extended");
    }

    [Fact]
    public void Encoding_is_detected_from_non_ascii_bytes_beyond_an_ascii_start()
    {
        var path = Path.Combine(_temp, "late.csv");
        using (var fs = File.Create(path))
        {
            fs.Write("id,name\r\n"u8);
            for (var i = 0; i < 10_000; i++) fs.Write(System.Text.Encoding.ASCII.GetBytes($"{i},ascii name {i}\r\n"));
            fs.Write([.. "10000,"u8, 0x8D, 0x82, 0x8F, 0xBC, 0x8E, 0x73, 0x0D, 0x0A]); // 高松市 in CP932
        }
        var (t, rows) = ReadOne(path);
        Assert.Equal("CP932", t.Encoding);
        Assert.Equal(["10000", "高松市"], rows[^1].Cells);
    }

    [Fact]
    public void Stray_quote_inside_an_unquoted_cell_stays_literal()
    {
        var path = Temp("stray.csv", "名称,説明,備考\n1,高さ5\"の棚,x\n2,普通,y\n3,\"引用,あり\",z\n"u8.ToArray());
        var (t, rows) = ReadOne(path);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "高さ5\"の棚", "x"], rows[0].Cells);
        Assert.Equal(["3", "引用,あり", "z"], rows[2].Cells);
        Assert.Contains(t.ReadNotes, n => n.Code == "stray-quote" && n.Row == 2);
    }

    [Fact]
    public void Rows_can_be_enumerated_once()
    {
        using var t = Assert.Single(TableReader.Open(Fixture("utf8bom.csv")));
        Assert.Equal(2, t.Rows.Count());
        Assert.Throws<InvalidOperationException>(() => t.Rows.Count());
    }

    [Fact]
    public void Two_cell_title_above_a_narrow_header()
    {
        var path = Temp("narrow.csv", "公衆トイレ一覧,Ver2024\n名称,所在地,多目的\n中央公園,高松市1,○\n西公園,高松市2,\n"u8.ToArray());
        var (t, rows) = ReadOne(path);
        Assert.Equal(2, t.HeaderRowNumber);
        Assert.Equal(["公衆トイレ一覧 Ver2024"], t.Preamble);
        Assert.Equal(["名称", "所在地", "多目的"], t.Header);
        Assert.Equal(2, rows.Count);
    }

    private sealed class RowComparer : IEqualityComparer<RawRow>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(RawRow x, RawRow y) => x.RowNumber == y.RowNumber && x.Cells.SequenceEqual(y.Cells);

        public int GetHashCode(RawRow obj) => obj.RowNumber;
    }
}
