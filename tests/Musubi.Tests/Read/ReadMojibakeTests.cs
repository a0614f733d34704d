using System.Text;
using CsCheck;
using Musubi.Issues;
using Musubi.Read;

namespace Musubi.Tests.Read;

/// <summary>UTF-8 text that is CP932 read as Latin-1 (or Windows-1252) is read back as Japanese; other text is left alone.</summary>
public sealed class ReadMojibakeTests : IDisposable
{
    private const string Title = "石川県AED設置場所一覧";
    private const string Header = "全国地方公共団体コード,ID,名称,名称_カナ,所在地_連結表記,緯度,経度,設置位置,備考";

    private static readonly string[] Rows =
    [
        "170003,1,石川県庁,イシカワケンチョウ,石川県金沢市鞍月１丁目１番地,36.5946,136.6256,１階総合案内（表ソ能）,髙﨑さん管理",
        "170003,2,\"県立図書館, 本館\",ケンリツトショカン,石川県金沢市小立野２丁目４３－１,36.5522,136.6710,受付横,平日のみ「９時～１７時」",
    ];

    private readonly string _temp = Directory.CreateTempSubdirectory("musubi-read-mojibake-").FullName;

    static ReadMojibakeTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static Encoding Cp932 => Encoding.GetEncoding(932);

    /// <summary>The damage: CP932 bytes decoded as Latin-1 (or Windows-1252), saved as UTF-8.</summary>
    private static byte[] Mojibake(string text, bool windows1252 = false)
    {
        var single = windows1252 ? Encoding.GetEncoding(1252) : Encoding.Latin1;
        return Encoding.UTF8.GetBytes(single.GetString(Cp932.GetBytes(text)));
    }

    private static string Csv(IEnumerable<string> rows) => string.Join("\r\n", rows) + "\r\n";

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (RawTable Table, List<string[]> Rows) Read(string path)
    {
        var table = Assert.Single(TableReader.Open(path));
        var rows = table.Rows.Select(r => r.Cells).ToList();
        return (table, rows);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mojibake_file_reads_back_as_Japanese(bool windows1252)
    {
        var damaged = Mojibake(Csv([Title, Header, .. Rows]), windows1252);
        // The fixture really is damaged: valid UTF-8 without a single Japanese character.
        Assert.DoesNotContain(Encoding.UTF8.GetString(damaged), c => c >= '\u3000');

        var (table, rows) = Read(Write(damaged));
        using (table)
        {
            Assert.Equal("UTF-8 (mojibake of CP932, repaired)", table.Encoding);
            Assert.Equal(2, table.HeaderRowNumber);
            Assert.Equal([Title], table.Preamble);
            Assert.Equal(Header.Split(','), table.Header);
            Assert.Equal(2, rows.Count);
            Assert.Equal("石川県庁", rows[0][2]);
            Assert.Equal("イシカワケンチョウ", rows[0][3]);
            Assert.Equal("１階総合案内（表ソ能）", rows[0][7]);
            Assert.Equal("髙﨑さん管理", rows[0][8]);
            Assert.Equal("県立図書館, 本館", rows[1][2]);
            Assert.Equal("平日のみ「９時～１７時」", rows[1][8]);
            var note = Assert.Single(table.ReadNotes, n => n.Code == IssueCode.MojibakeRepaired);
            Assert.Equal(0, note.Row);
            Assert.Contains(windows1252 ? "Windows-1252" : "Latin-1", note.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mojibake_with_a_bom_reads_back_and_keeps_the_bom_out_of_the_header()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Mojibake(Csv([Header, .. Rows]))];
        var (table, rows) = Read(Write(bytes));
        using (table)
        {
            Assert.Equal("UTF-8-BOM (mojibake of CP932, repaired)", table.Encoding);
            Assert.Equal(Header.Split(','), table.Header);
            Assert.Equal("石川県庁", rows[0][2]);
        }
    }

    [Fact]
    public void Large_mojibake_file_streams_across_buffer_boundaries()
    {
        // Far more than the 64 KB sample and the reader's buffer, so characters are cut between blocks.
        var body = Enumerable.Range(0, 3000).Select(i => $"170003,{i},施設{i}号館,シセツ,金沢市広坂{i}丁目,36.5,136.6,玄関ホール,表ソ能");
        var (table, rows) = Read(Write(Mojibake(Csv([Header, .. body]))));
        using (table)
        {
            Assert.Equal("UTF-8 (mojibake of CP932, repaired)", table.Encoding);
            Assert.Equal(Header.Split(','), table.Header);
            Assert.Equal(3000, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal($"施設{i}号館", rows[i][2]);
                Assert.Equal($"金沢市広坂{i}丁目", rows[i][4]);
                Assert.Equal("表ソ能", rows[i][8]);
            }
        }
    }

    [Fact]
    public void Mojibake_after_an_ascii_only_start_is_found()
    {
        var ascii = Enumerable.Range(0, 6000).Select(i => $"{i},plain,ascii");
        var japanese = Enumerable.Range(0, 50).Select(i => $"j{i},石川県の施設,ひらがなとカタカナ");
        var (table, rows) = Read(Write(Mojibake(Csv(["id,name,note", .. ascii, .. japanese]))));
        using (table)
        {
            Assert.Equal("UTF-8 (mojibake of CP932, repaired)", table.Encoding);
            Assert.Equal(6050, rows.Count);
            Assert.Equal(["j49", "石川県の施設", "ひらがなとカタカナ"], rows[^1]);
        }
    }

    [Fact]
    public void Mojibake_can_be_forced_by_name()
    {
        // The user can name the damage (for a file whose sample shows too little of it to detect).
        var path = Write(Mojibake(Csv(["カナ,メモ", "アイウ,エオ"])));
        var table = Assert.Single(TableReader.Open(path, new ReadOptions { Encoding = "cp932-mojibake" }));
        using (table)
        {
            Assert.Equal("UTF-8 (mojibake of CP932, repaired)", table.Encoding);
            Assert.Equal(["カナ", "メモ"], table.Header);
            Assert.Equal(["アイウ", "エオ"], Assert.Single(table.Rows).Cells);
            Assert.Contains(table.ReadNotes, n => n.Code == IssueCode.MojibakeRepaired);
        }
    }

    [Fact]
    public void Proper_utf8_Japanese_is_not_touched()
    {
        var text = Csv([Title, Header, .. Rows]);
        var (table, rows) = Read(Write(Encoding.UTF8.GetBytes(text)));
        using (table)
        {
            Assert.Equal("UTF-8", table.Encoding);
            Assert.Equal(Header.Split(','), table.Header);
            Assert.Equal("石川県庁", rows[0][2]);
            Assert.DoesNotContain(table.ReadNotes, n => n.Code == IssueCode.MojibakeRepaired);
        }
    }

    [Fact]
    public void Cp932_is_not_touched()
    {
        var (table, rows) = Read(Write(Cp932.GetBytes(Csv([Title, Header, .. Rows]))));
        using (table)
        {
            Assert.Equal("CP932", table.Encoding);
            Assert.Equal(Header.Split(','), table.Header);
            Assert.Equal("石川県庁", rows[0][2]);
            Assert.DoesNotContain(table.ReadNotes, n => n.Code == IssueCode.MojibakeRepaired);
        }
    }

    [Theory]
    [InlineData("name,note\r\ncafé,crème brûlée\r\nRenée,Zoë\r\n")]
    [InlineData("Nom,Prénom\r\nDupré,Renée\r\nGérard,Hélène\r\n")]
    [InlineData("Name,Ort\r\nMüller,Straße\r\nÄRZTE,ÖFFNUNGSZEITEN\r\nSCHÖN,ÜBER\r\n")]
    [InlineData("name,note\r\nTom’s,Ann’s\r\nJoe’s,it’s\r\n")]
    [InlineData("nom,note\r\nTom’s and René’s,l’élève d’école\r\néléphant,qu’à\r\n")]
    [InlineData("title,quote\r\n“Hello” – she said…,don’t — stop\r\n")]
    [InlineData("price,unit\r\n5 €,°C\r\n½ kg,© 2020 ®\r\nñandú,ação\r\n")]
    public void Utf8_with_accented_Latin_words_is_not_touched(string text)
    {
        var (table, rows) = Read(Write(Encoding.UTF8.GetBytes(text)));
        using (table)
        {
            Assert.Equal("UTF-8", table.Encoding);
            var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(lines[1].Split(',')[0], rows[0][0]);
            Assert.DoesNotContain(table.ReadNotes, n => n.Code == IssueCode.MojibakeRepaired);
        }
    }

    [Theory]
    [InlineData("Prénom Renée")]
    [InlineData("Tom’s Ann’s")]
    [InlineData("Tom’s and René’s")]
    [InlineData("l’élève d’école")]
    [InlineData("éléphant éléphant")]
    [InlineData("ÄÖÜ ÉÈ ÇÀ")]
    [InlineData("café,")]
    [InlineData("Ð\u0080")]
    public void Inspect_rejects_Latin_text(string text)
    {
        Assert.Equal(Cp932MojibakeEncoding.Variant.None, Cp932MojibakeEncoding.Inspect(Encoding.UTF8.GetBytes(text), complete: true));
    }

    [Fact]
    public void Encoding_round_trips_and_damages_like_latin1()
    {
        const string text = "全国地方公共団体コード,表ソ能";
        var damaged = Cp932MojibakeEncoding.Instance.GetBytes(text);
        Assert.Equal(Mojibake(text), damaged);
        Assert.Equal(text, Cp932MojibakeEncoding.Instance.GetString(damaged));
    }

    [Fact]
    public void Characters_that_are_not_mojibake_are_kept()
    {
        byte[] bytes = [.. Mojibake("あ"), .. Encoding.UTF8.GetBytes("日本"), .. Mojibake("い")];
        Assert.Equal("あ日本い", Cp932MojibakeEncoding.Instance.GetString(bytes));
    }

    private const string CommonChars =
        "漢字表ソ能県市町村番地名称住所施設館図書公園駅前東西南北上下中央広場病院学校会社役所電話受付アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー０１２３４５６７８９ＡＢＣ（）「」、。・～－髙﨑①㈱";

    private const string Hiragana = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼぱぴぷぺぽっゃゅょ";
    private const string Ascii = "abcXYZ019 ,.-_/()\"\r\n";

    [Fact]
    public void Random_Japanese_text_round_trips_through_the_mojibake_and_is_detected()
    {
        // A token is an ASCII character or a Japanese character followed by hiragana (as okurigana and particles are),
        // so every text with a Japanese token is plausible Japanese.
        var common = new string([.. CommonChars.Where(c => Cp932.GetString(Cp932.GetBytes(c.ToString())) == c.ToString())]);
        Assert.Contains('髙', common);
        var japanese = Gen.Select(Gen.Int[0, common.Length - 1], Gen.Int[0, Hiragana.Length - 1]).Select((c, h) => $"{common[c]}{Hiragana[h]}");
        var token = Gen.Frequency((2, japanese), (1, Gen.Int[0, Ascii.Length - 1].Select(i => Ascii[i].ToString())));
        var gen = Gen.Select(japanese, token.Array[0, 200], Gen.Bool, Gen.Int[1, 64]);
        gen.Sample((first, tokens, windows1252, bufferSize) =>
        {
            var text = first + string.Concat(tokens);
            var damaged = Mojibake(text, windows1252);
            Assert.NotEqual(Cp932MojibakeEncoding.Variant.None, Cp932MojibakeEncoding.Inspect(damaged, complete: true));
            Assert.Equal(text, Cp932MojibakeEncoding.Instance.GetString(damaged));
            using var reader = new StreamReader(new MemoryStream(damaged), Cp932MojibakeEncoding.Instance, false, bufferSize);
            Assert.Equal(text, reader.ReadToEnd());
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Random_Latin_text_is_never_detected()
    {
        // Words with at most one accented letter, between spaces and punctuation, with Windows-1252 quotes and dashes.
        const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const string accented = "éèêàâçôûüöäßñíóúÉÀÇÖÜ";
        string[] separators = [" ", ", ", ". ", " – ", " — ", "… ", "’s ", "\r\n", ",", " “", "” ", " l’", " d’", " qu’"];
        var part = Gen.Int[0, letters.Length - 1].Array[0, 6].Select(ix => new string([.. ix.Select(i => letters[i])]));
        var word = Gen.Select(part, Gen.Int[-1, accented.Length - 1], part)
            .Select((a, k, b) => a + (k < 0 ? "" : accented[k].ToString()) + b);
        var text = Gen.Select(word, Gen.Int[0, separators.Length - 1]).Select((w, k) => w + separators[k]).Array[1, 40].Select(string.Concat);
        text.Sample(t =>
        {
            Assert.Equal(Cp932MojibakeEncoding.Variant.None, Cp932MojibakeEncoding.Inspect(Encoding.UTF8.GetBytes(t), complete: true));
        }, iter: 500, threads: 1);
    }
}
