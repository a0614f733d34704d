using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class TextFormatsTests
{
    [Theory]
    [InlineData("内科;外科", "内科;外科", null)]
    [InlineData("内科", "内科", null)]
    [InlineData("", "", null)]
    [InlineData("内科、外科", "内科;外科", "list-separator")]
    [InlineData("内科，外科", "内科;外科", "list-separator")]
    [InlineData("内科,外科", "内科;外科", "list-separator")]
    [InlineData("内科/外科", "内科;外科", "list-separator")]
    [InlineData("内科／外科", "内科;外科", "list-separator")]
    [InlineData("内科；外科", "内科;外科", "list-separator")]
    [InlineData("内科\n外科", "内科;外科", "list-separator")]
    [InlineData("内科\r\n外科", "内科;外科", "list-separator")]
    [InlineData("内科 、 外科 、", "内科;外科", "list-separator")]
    [InlineData("内科 ; 外科", "内科;外科", "text-trimmed")]
    [InlineData("認定こども園・保育所", "認定こども園・保育所", null)]
    [InlineData("車椅子・オストメイト", "車椅子・オストメイト", null)]
    public void List(string raw, string expected, string? code)
    {
        var r = ListText.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Theory]
    [InlineData("トウキョウト", "トウキョウト", null)]
    [InlineData("ﾄｳｷｮｳﾄ", "トウキョウト", "kana-converted")]
    [InlineData("ｶﾞｯｺｳ", "ガッコウ", "kana-converted")]
    [InlineData("ﾊﾟﾝ ﾔ", "パン ヤ", "kana-converted")]
    [InlineData("ｳﾞｨﾗ", "ヴィラ", "kana-converted")]
    [InlineData("とうきょうと", "トウキョウト", "kana-converted")]
    [InlineData("あいじましゅうかいしょ", "アイジマシュウカイショ", "kana-converted")]
    [InlineData("ゔぁ", "ヴァ", "kana-converted")]
    [InlineData("センター・ABC 2", "センター・ABC 2", null)]
    [InlineData("ｾﾝﾀｰ･ｱ", "センター・ア", "kana-converted")]
    [InlineData(" トウキョウ ", "トウキョウ", "text-trimmed")]
    [InlineData("", "", null)]
    public void Kana(string raw, string expected, string? code)
    {
        var r = KanaText.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Theory]
    [InlineData("二ホンフクインルーテルキョウカイ", "ニホンフクインルーテルキョウカイ")]
    [InlineData("カ口ーラ", "カローラ")]
    [InlineData("ス一パー", "スーパー")]
    [InlineData("ﾆﾎﾝ工ﾝｼﾞﾝ", "ニホンエンジン")]
    [InlineData("夕ワー", "タワー")]
    public void Kana_lookalike_kanji_are_replaced(string raw, string expected)
    {
        var r = KanaText.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, "kana-lookalike"), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("二")]
    [InlineData("東京都庁")]
    [InlineData("トウキョウ都")]
    [InlineData("佐々木")]
    public void Kana_with_kanji_is_reported(string raw)
    {
        var r = KanaText.Normalize(raw);
        Assert.Equal((raw, Outcome.Invalid, "kana-not-katakana"), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("1234567", "1234567", null)]
    [InlineData("123-4567", "1234567", "postal-code-format")]
    [InlineData("〒123-4567", "1234567", "postal-code-format")]
    [InlineData("〒 123-4567", "1234567", "postal-code-format")]
    [InlineData("１２３－４５６７", "1234567", "postal-code-format")]
    [InlineData("123ー4567", "1234567", "postal-code-format")]
    [InlineData(" 1234567 ", "1234567", "postal-code-format")]
    [InlineData("12-34567", "12-34567", "invalid-postal-code")]
    [InlineData("123456", "123456", "invalid-postal-code")]
    [InlineData("東京都", "東京都", "invalid-postal-code")]
    public void Postal(string raw, string expected, string? code)
    {
        var r = PostalCode.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Theory]
    [InlineData("https://www.city.example.lg.jp/", "https://www.city.example.lg.jp/", null)]
    [InlineData("http://example.jp/a?b=c", "http://example.jp/a?b=c", null)]
    [InlineData("https://example.jp", "https://example.jp", null)]
    [InlineData("https://例え.jp/", "https://例え.jp/", null)]
    [InlineData("https://example.jp/パス", "https://example.jp/パス", null)]
    [InlineData("HTTPS://example.jp/", "HTTPS://example.jp/", null)]
    [InlineData("https://", "https://", "invalid-uri")]
    [InlineData("https:///a", "https:///a", "invalid-uri")]
    [InlineData(" https://example.jp/ ", "https://example.jp/", "uri-format")]
    [InlineData("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／", "https://example.jp/", "uri-format")]
    [InlineData("www.example.jp", "www.example.jp", "invalid-uri")]
    [InlineData("ftp://example.jp/", "ftp://example.jp/", "invalid-uri")]
    [InlineData("https://exa mple.jp/", "https://exa mple.jp/", "invalid-uri")]
    [InlineData("なし", "なし", "invalid-uri")]
    public void Uri(string raw, string expected, string? code)
    {
        var r = WebAddress.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Theory]
    [InlineData("info@city.example.jp", "info@city.example.jp", null)]
    [InlineData(" info@city.example.jp", "info@city.example.jp", "email-format")]
    [InlineData("ｉｎｆｏ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ", "info@city.example.jp", "email-format")]
    [InlineData("mailto:info@example.jp", "info@example.jp", "email-format")]
    [InlineData("info@example", "info@example", "invalid-email")]
    [InlineData("info.example.jp", "info.example.jp", "invalid-email")]
    [InlineData("a@b@example.jp", "a@b@example.jp", "invalid-email")]
    [InlineData("お問い合わせ@example.jp", "お問い合わせ@example.jp", "invalid-email")]
    public void Email(string raw, string expected, string? code)
    {
        var r = EmailAddress.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Theory]
    [InlineData("A-001", "A-001", null)]
    [InlineData("Ａ００１", "A001", "id-format")]
    [InlineData(" 001 ", "001", "id-format")]
    public void Id(string raw, string expected, string? code)
    {
        var r = Identifier.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Theory]
    [InlineData("0001001", "0001001", null)]
    [InlineData("１００１", "0001001", "town-id-leading-zero")]
    [InlineData("０００１００１", "0001001", "town-id-format")]
    [InlineData("12", "12", "invalid-town-id")]
    [InlineData("00010011", "00010011", "invalid-town-id")]
    public void Town(string raw, string expected, string? code)
    {
        var r = TownId.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Theory]
    [InlineData("市役所", "市役所", null)]
    [InlineData("ＡＢＣホール", "ＡＢＣホール", null)]
    [InlineData("㈱テスト", "㈱テスト", null)]
    [InlineData(" 市役所　", "市役所", "text-trimmed")]
    [InlineData("　市役所", "市役所", "text-trimmed")]
    [InlineData("開場8:00\n開始9:30", "開場8:00 開始9:30", "text-newline")]
    [InlineData("a\r\nb", "a b", "text-newline")]
    [InlineData("a\rb\n", "a b", "text-newline")]
    [InlineData("a\tb", "a b", "text-control-removed")]
    [InlineData("a\u0001b", "ab", "text-control-removed")]
    [InlineData("", "", null)]
    public void Text(string raw, string expected, string? code)
    {
        var r = PlainText.Normalize(raw);
        Assert.Equal((expected, code), (r.Value, r.Code));
    }

    [Fact]
    public void Control_check_matches_the_set_it_replaced()
    {
        // C0, DEL, C1 and U+2028/U+2029: the characters PlainText rewrites.
        var set = new string([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(i => (char)i), '\u2028', '\u2029']);
        for (var c = 0; c <= 0xFFFF; c++) Assert.Equal(set.Contains((char)c, StringComparison.Ordinal), PlainText.IsControl((char)c));
    }
}
