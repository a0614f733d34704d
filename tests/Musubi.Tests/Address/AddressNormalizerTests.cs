using System.Diagnostics;
using CsCheck;
using Musubi.Address;
using Musubi.Registry;

namespace Musubi.Tests.Address;

/// <summary>Normalizer behaviour on a small in-memory town list (no ../shared needed).</summary>
public sealed class AddressNormalizerTests
{
    internal static readonly TownRecord[] Towns =
    [
        new("131016", null, "紀尾井町", "", 35.6811, 139.7349),
        new("131016", null, "飯田橋一丁目", "", 35.6984, 139.7494),
        new("131016", null, "飯田橋二丁目", "", 35.6992, 139.7505),
        new("132063", null, "宮西町一丁目", "", 35.6704, 139.4771),
        new("132063", null, "宮西町二丁目", "", 35.6697, 139.4776),
        new("342084", null, "府川町", "", 34.5681, 133.2366),
        new("141046", null, "本町一丁目", "", 35.4476, 139.6410),
        new("141046", null, "本町二丁目", "", 35.4487, 139.6390),
        new("024066", null, "横浜", "", 41.0830, 141.2480),
        new("011011", null, "北一条西二丁目", "", 43.0621, 141.3508),
        new("131130", null, "千駄ケ谷一丁目", "", 35.6800, 139.7100),
        new("131130", null, "千駄ケ谷三丁目", "", 35.6790, 139.7080),
        new("082082", null, "佐貫町", "", 35.9300, 140.1700),
        new("261041", null, "壬生東高田町", "", 35.0000, 135.7400),
        new("261041", null, "清水町", "", 35.0100, 135.7600),
        new("402265", null, "大字大野", "", 33.8800, 130.5400),
        new("402265", null, "大字大野", "北原", 33.8900, 130.5500),
        new("402265", null, "大字古賀", "", 33.7300, 130.4700),
        new("262013", null, "大島町", "", 35.3000, 135.1300),
        new("131016", null, "ハーモニータウン", "", 35.6800, 139.7500),
    ];

    internal static readonly AddressNormalizer N = new(LocalGovernmentRegistry.Default, TownRegistry.FromRecords(Towns));

    [Theory]
    [InlineData("東京都千代田区紀尾井町1-3", "東京都", "千代田区", "紀尾井町", "1-3", null)]
    [InlineData("東京都千代田区紀尾井町１－３　東京ガーデンテラス紀尾井町 19階", "東京都", "千代田区", "紀尾井町", "1-3", "東京ガーデンテラス紀尾井町 19階")]
    [InlineData("東京都千代田区飯田橋２丁目１０番地の２", "東京都", "千代田区", "飯田橋二丁目", "10-2", null)]
    [InlineData("東京都千代田区飯田橋二丁目10-2", "東京都", "千代田区", "飯田橋二丁目", "10-2", null)]
    [InlineData("東京都千代田区飯田橋2-10-2", "東京都", "千代田区", "飯田橋二丁目", "10-2", null)]
    [InlineData("東京都千代田区飯田橋２ー１０ー２", "東京都", "千代田区", "飯田橋二丁目", "10-2", null)]
    [InlineData("東京都千代田区飯田橋二丁目十番二号", "東京都", "千代田区", "飯田橋二丁目", "10-2", null)]
    [InlineData("東京都 千代田区 飯田橋 2丁目 10−2", "東京都", "千代田区", "飯田橋二丁目", "10-2", null)]
    [InlineData("千代田区飯田橋2-10-2", "東京都", "千代田区", "飯田橋二丁目", "10-2", null)]
    [InlineData("府中市宮西町2-24", "東京都", "府中市", "宮西町二丁目", "24", null)]
    [InlineData("府中市府川町315", "広島県", "府中市", "府川町", "315", null)]
    [InlineData("青森県横浜町字横浜10", "青森県", "上北郡横浜町", "横浜", "10", null)]
    [InlineData("札幌市中央区北1条西2丁目1番地", "北海道", "札幌市中央区", "北一条西二丁目", "1", null)]
    [InlineData("東京都渋谷区千駄ヶ谷3-7-13", "東京都", "渋谷区", "千駄ケ谷三丁目", "7-13", null)]
    [InlineData("東京都渋谷区千駄が谷３丁目７－１３", "東京都", "渋谷区", "千駄ケ谷三丁目", "7-13", null)]
    [InlineData("茨城県竜ヶ崎市佐貫町647", "茨城県", "龍ケ崎市", "佐貫町", "647", null)]
    [InlineData("京都府京都市中京区壬生東高田町1－2", "京都府", "京都市中京区", "壬生東高田町", "1-2", null)]
    [InlineData("京都市中京区河原町通二条上る清水町284", "京都府", "京都市中京区", "清水町", "284", null)]
    [InlineData("福岡県宮若市大野100", "福岡県", "宮若市", "大字大野", "100", null)]
    [InlineData("福岡県宮若市大字古賀1-2", "福岡県", "宮若市", "大字古賀", "1-2", null)]
    [InlineData("東京都千代田区紀尾井町1-3 101号室", "東京都", "千代田区", "紀尾井町", "1-3", "101号室")]
    [InlineData("東京都千代田区紀尾井町1-3-101号室", "東京都", "千代田区", "紀尾井町", "1-3", "101号室")]
    [InlineData("東京都千代田区紀尾井町4番1号三田ビル", "東京都", "千代田区", "紀尾井町", "4-1", "三田ビル")]
    [InlineData("東京都千代田区紀尾井町２番地４三番町ＫＳビル１０階", "東京都", "千代田区", "紀尾井町", "2-4", "三番町KSビル10階")]
    [InlineData("東京都千代田区紀尾井町15番5十五番館ビル", "東京都", "千代田区", "紀尾井町", "15-5", "十五番館ビル")]
    [InlineData("東京都千代田区紀尾井町字アイウエオ100番200号 2階", "東京都", "千代田区", "紀尾井町", "字アイウエオ100-200", "2階")]
    [InlineData("東京都千代\uFE00田区紀尾井町1-3", "東京都", "千代田区", "紀尾井町", "1-3", null)]
    [InlineData("東京都千代田区ハ－モニ－タウン1-2 コーポ-101", "東京都", "千代田区", "ハーモニータウン", "1-2", "コーポ-101")]
    [InlineData("東京都千代田区ﾊｰﾓﾆｰﾀｳﾝ1ｰ2", "東京都", "千代田区", "ハーモニータウン", "1-2", null)]
    [InlineData("神奈川県横浜市中区本町1", "神奈川県", "横浜市中区", "本町一丁目", null, null)]
    public void Normalizes(string input, string pref, string city, string town, string? rest, string? building)
    {
        var r = N.Normalize(input);
        Assert.Equal((pref, city, town, rest, building, 3), (r.Pref, r.City, r.Town, r.Rest, r.Building, r.Level));
    }

    [Fact]
    public void Hint_resolves_omitted_prefecture_and_municipality()
    {
        var r = N.Normalize("本町2丁目3", "141046");
        Assert.Equal(("神奈川県", "横浜市中区", "本町二丁目", "3", 3), (r.Pref, r.City, r.Town, r.Rest, r.Level));
        var z = N.Normalize("中区本町二丁目3", "14100");
        Assert.Equal("141046", z.LgCode);
        var none = N.Normalize("どこか", "131016");
        Assert.Equal((2, "千代田区", "どこか"), (none.Level, none.City, none.Rest));
    }

    [Fact]
    public void Levels_without_towns()
    {
        var r = N.Normalize("大阪府大阪市北区梅田1-1");
        Assert.Equal((2, "271276", "梅田1-1"), (r.Level, r.LgCode, r.Rest));
        var p = N.Normalize("大阪府どこか");
        Assert.Equal((1, "大阪府", "270008"), (p.Level, p.Pref, p.LgCode));
        Assert.Equal(0, N.Normalize("hello world").Level);
        Assert.Equal(0, N.Normalize("").Level);
        Assert.Equal(0, N.Normalize(null).Level);
        var h = N.Normalize("静岡県浜松市中区元城町");
        Assert.Equal("221317", h.LgCode);
        Assert.Equal("221384", N.Normalize("浜松市中央区元城町").LgCode);
    }

    [Theory]
    [InlineData("奈良県葛\U000E0100城市長尾", "292117")]
    [InlineData("愛媛\U000E0103県松山市一番町", "382019")]
    [InlineData("東京都八丈島八丈町三根", "134015")]
    [InlineData("三宅島三宅村", "133817")]
    [InlineData("東京都　千代田区\t\n", "131016")]
    public void Municipality_level_oddities(string input, string code) => Assert.Equal(code, N.Normalize(input).LgCode);

    [Theory]
    [InlineData("〒102-0094 東京都千代田区紀尾井町1-3", "131016", "紀尾井町", "1-3")]
    [InlineData("〒１０２－００９４　紀尾井町1-3", "131016", "紀尾井町", "1-3")]
    [InlineData("102-0094 紀尾井町1-3", "131016", "紀尾井町", "1-3")]
    [InlineData("東京都紀尾井町1-3", "131016", "紀尾井町", "1-3")]
    [InlineData("紀尾井町1-3", "131016", "紀尾井町", "1-3")]
    public void Postal_code_and_omitted_municipality(string input, string code, string town, string rest)
    {
        var r = N.Normalize(input);
        Assert.Equal((code, town, rest, 3), (r.LgCode, r.Town, r.Rest, r.Level));
    }

    [Theory]
    [InlineData("東京都千代田区\uFFFD\uFFFD尾井町1ー３ー２", "131016", "紀尾井町", "1-3-2")]
    [InlineData("東京都千代田区?尾井町1-3", "131016", "紀尾井町", "1-3")]
    [InlineData("東京都千代\uFFFD区紀尾井町1-3", "131016", "紀尾井町", "1-3")]
    public void Garbled_characters_match_as_wildcards(string input, string code, string town, string rest)
    {
        var r = N.Normalize(input);
        Assert.Equal((code, town, rest, 3), (r.LgCode, r.Town, r.Rest, r.Level));
    }

    [Fact]
    public void Koaza_is_reported_apart_from_the_town()
    {
        var r = N.Normalize("福岡県宮若市大字大野字北原100");
        Assert.Equal(("大字大野", "北原", "大字大野北原", "100"), (r.Town, r.Koaza, r.TownWithKoaza, r.Rest));
        Assert.Equal((33.89, 130.55), (r.Lat, r.Lng));
        Assert.Contains("\"town\":\"大字大野北原\"", AddressJson.Serialize(r));
        Assert.Equal("福岡県宮若市大字大野北原100", r.ToText());
        Assert.Null(N.Normalize("福岡県宮若市大野100").Koaza);
    }

    [Fact]
    public void A_number_is_not_taken_for_a_postal_code()
    {
        var r = N.Normalize("東京都千代田区紀尾井町1000001");
        Assert.Equal(("紀尾井町", "1000001"), (r.Town, r.Rest));
    }

    [Fact]
    public void Text_and_distance_for_the_converter()
    {
        var r = N.Normalize("千代田区紀尾井町１－３　東京ガーデンテラス");
        Assert.Equal("東京都千代田区紀尾井町1-3 東京ガーデンテラス", r.ToText());
        Assert.Equal(0, r.DistanceKm(35.6811, 139.7349)!.Value, 3);
        Assert.InRange(r.DistanceKm(34.7025, 135.4959)!.Value, 390, 410); // Osaka
        Assert.Null(AddressResult.None.DistanceKm(0, 0));
    }

    [Fact]
    public void Hostile_input_never_hangs_or_throws()
    {
        var sw = Stopwatch.StartNew();
        var huge = string.Concat(Enumerable.Repeat("東京都（千代田区「紀尾井町", 100_000));
        N.Normalize(huge);
        N.Normalize(new string('1', 1_000_000));
        N.Normalize(new string('-', 1_000_000));
        N.Normalize("東京都千代田区紀尾井町(((((((((" + new string('丁', 10000));
        N.Normalize("\0\u0001\u001f東京都\uD800千代田区\uDFFF\uFEFF紀尾井町\u200B");
        N.Normalize("一二三四五六七八九十百千一二三四五六七八九十百千一二三四五六七八九十百千");
        N.Normalize(new string('?', 100_000));
        N.Normalize("東京都千代田区" + new string('\uFFFD', 100_000));
        N.Normalize("京都府京都市中京区" + string.Concat(Enumerable.Repeat("上る", 50_000)));
        N.Normalize(string.Concat(Enumerable.Repeat("北区", 50_000)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public void Random_strings_never_throw() =>
        Gen.String.Sample(s => { N.Normalize(s); }, iter: 20_000);

    [Fact]
    public void Random_address_like_strings_never_throw() =>
        Gen.String[Gen.Char["東京都千代田区紀尾井町一二三丁目番地号-－ー0123４５ 　()（「ヶケ之ノ\uFE00"], 0, 60].Sample(s => { N.Normalize(s); }, iter: 20_000);
}
