using Musubi.Search;
using Musubi.Search.Analysis;
using static Musubi.Tests.Search.SearchFixtures;

namespace Musubi.Tests.Search;

public class JapaneseMatchingTests
{
    [Theory]
    [InlineData("ＡＥＤ設置箇所", "aed設置箇所")]
    [InlineData("ひらがな", "ヒラガナ")]
    [InlineData("ﾎｲｸｴﾝ", "ホイクエン")]
    [InlineData("長澤町", "長沢町")]
    [InlineData("霞ヶ関", "霞ケ関")]
    [InlineData("①丁目", "1丁目")]
    public void Fold_makes_the_forms_equal(string raw, string folded) => Assert.Equal(folded, SearchText.Fold(raw));

    [Fact]
    public void One_character_query_matches()
    {
        using var index = Index(
            Dataset("a", "市区町村別人口統計"),
            Dataset("b", "避難所一覧（指定緊急避難場所）"),
            Dataset("c", "AED設置箇所"));
        Assert.Equal(["a"], index.Ids("市"));
        Assert.Equal(["b"], index.Ids("所一"));
    }

    [Fact]
    public void Two_character_words_match_inside_longer_words()
    {
        using var index = Index(
            Dataset("a", "東京都の年齢別人口（令和3年1月1日現在）"),
            Dataset("b", "市区町村別人口統計"),
            Dataset("c", "避難所一覧（指定緊急避難場所）"),
            Dataset("d", "都市公園一覧"));
        Assert.Equal(["a", "b"], index.Ids("人口").Order());
        Assert.Equal(["c"], index.Ids("避難"));
        Assert.Equal(["c"], index.Ids("避難所"));
        Assert.Equal(["d"], index.Ids("公園"));
        Assert.Equal(["b"], index.Ids("町村"));
    }

    [Fact]
    public void Two_characters_far_apart_do_not_match_as_a_word()
    {
        using var index = Index(
            Dataset("apart", "公民館と動物園の一覧"),
            Dataset("word", "公園トイレ"));
        Assert.Equal(["word"], index.Ids("公園"));
        Assert.Equal(["word"], index.Ids("園ト"));
        Assert.Empty(index.Ids("民園"));
    }

    [Fact]
    public void Terms_are_anded_and_a_minus_excludes()
    {
        using var index = Index(
            Dataset("a", "公園トイレ一覧"),
            Dataset("b", "駅前トイレ一覧"),
            Dataset("c", "公園一覧"));
        Assert.Equal(["a"], index.Ids("公園 トイレ"));
        Assert.Equal(["a"], index.Ids("公園　トイレ")); // ideographic space
        Assert.Equal(["c"], index.Ids("公園 -トイレ"));
        Assert.Equal(["a", "b"], index.Ids("一覧 トイレ").Order());
    }

    [Fact]
    public void Quoted_phrase_must_be_adjacent()
    {
        using var index = Index(
            Dataset("a", "トイレ 公園"),
            Dataset("b", "公園 トイレ"));
        Assert.Equal(["b"], index.Ids("\"公園 トイレ\""));
        Assert.Equal(["a", "b"], index.Ids("公園 トイレ").Order());
    }

    [Fact]
    public void Width_and_case_fold_together()
    {
        using var index = Index(
            Dataset("full", "ＡＥＤ設置箇所"),
            Dataset("half", "aed locations"),
            Dataset("other", "消火栓"));
        foreach (var q in new[] { "AED", "aed", "ＡＥＤ", "Aed", "ａｅｄ" })
            Assert.Equal(["full", "half"], index.Ids(q).Order());
        Assert.Equal(["full"], index.Ids("AED設置"));
        Assert.Equal(["half"], index.Ids("Locations"));
    }

    [Fact]
    public void Katakana_and_hiragana_and_half_width_kana_fold_together()
    {
        using var index = Index(
            Dataset("hira", "ほいくえん一覧"),
            Dataset("kata", "トイレマップ"),
            Dataset("half", "ｶﾞｲﾄﾞﾌﾞｯｸ"));
        Assert.Equal(["hira"], index.Ids("ホイクエン"));
        Assert.Equal(["hira"], index.Ids("ほいく"));
        Assert.Equal(["kata"], index.Ids("といれ"));
        Assert.Equal(["half"], index.Ids("ガイドブック"));
        Assert.Equal(["half"], index.Ids("がいど"));
    }

    [Fact]
    public void Old_and_variant_kanji_fold_together()
    {
        using var index = Index(
            Dataset("old", "長澤地区の避難所"),
            Dataset("new", "浜松の公園"),
            Dataset("taka", "髙島屋前のトイレ"));
        Assert.Equal(["old"], index.Ids("長沢"));
        Assert.Equal(["old"], index.Ids("澤"));
        Assert.Equal(["new"], index.Ids("濱松"));
        Assert.Equal(["taka"], index.Ids("高島"));
    }

    [Fact]
    public void Dataset_is_found_by_its_standard_datasets_title_and_keywords()
    {
        using var index = Index(
            Dataset("plain", "第3版 一覧表（令和5年度）", muni: "131041", standard: "aed"),
            Dataset("toilets", "一覧", standard: "public-toilet"),
            Dataset("none", "会議録"));
        Assert.Equal(["plain"], index.Ids("AED"));
        Assert.Equal(["plain"], index.Ids("除細動器"));
        Assert.Equal(["plain"], index.Ids("AED設置箇所一覧"));
        Assert.Equal(["toilets"], index.Ids("公衆便所"));
        Assert.Equal(["plain"], index.Ids("新宿区"));
        Assert.Equal(["plain"], index.Ids("東京都新宿区"));
    }

    [Fact]
    public void Publisher_keywords_are_searchable()
    {
        using var index = Index(
            Dataset("a", "一覧") with { Keywords = ["みどり市役所 危機管理課"] },
            Dataset("b", "一覧"));
        Assert.Equal(["a"], index.Ids("危機管理"));
    }

    [Fact]
    public void Kyoto_ranks_kyoto_above_tokyo_and_tokyo_stays_only_when_something_else_explains_it()
    {
        using var index = Index(
            Dataset("tokyo-only", "東京都の公園一覧", pref: "130001"),
            Dataset("tokyo-trip", "京都への修学旅行の記録", pref: "130001", muni: "131041"),
            Dataset("kyoto-pref", "府立公園一覧", pref: "260002"),
            Dataset("kyoto-city", "市営駐輪場一覧", muni: "261009"),
            Dataset("kyoto-ward", "区民センター一覧", muni: "261017"));
        var ids = index.Ids("京都");
        Assert.Equal(["kyoto-city", "kyoto-pref", "kyoto-ward"], ids.Take(3).Order());
        Assert.Equal("tokyo-trip", ids[3]);
        Assert.DoesNotContain("tokyo-only", ids);
        Assert.Equal(["tokyo-only", "tokyo-trip"], index.Ids("東京都").Order());
        Assert.Equal(["tokyo-only", "tokyo-trip"], index.Ids("東京").Order());
        Assert.Equal(["kyoto-city", "kyoto-ward"], index.Ids("京都市").Order());
    }

    [Fact]
    public void Place_boost_applies_to_a_name_without_its_suffix()
    {
        using var index = Index(
            Dataset("text", "新宿駅周辺の案内", pref: "270008"),
            Dataset("place", "区内の公園一覧", muni: "131041"));
        Assert.Equal(["place", "text"], index.Ids("新宿"));
    }

    [Fact]
    public void Exact_title_ranks_first_and_title_beats_description()
    {
        using var index = Index(
            Dataset("desc", "施設の情報", description: "公園の一覧です"),
            Dataset("title", "公園の一覧とその他の施設について"),
            Dataset("exact", "公園の一覧"));
        Assert.Equal(["exact", "title", "desc"], index.Ids("公園の一覧"));
    }

    [Fact]
    public void Record_search_over_text_cells()
    {
        using var index = Index(
            Record("r1", "中央公園", "131041", "evacuation-site", fields: new() { ["名称"] = "中央公園", ["所在地_連結表記"] = "東京都新宿区西新宿二丁目" }),
            Record("r2", "市民体育館", "261009", "evacuation-site", fields: new() { ["名称"] = "市民体育館", ["所在地_連結表記"] = "京都府京都市中京区" }));
        Assert.Equal(["r1"], index.Ids("西新宿", SearchKind.Record));
        Assert.Equal(["r2"], index.Ids("体育館"));
        Assert.Equal(["r1", "r2"], index.Ids("避難場所").Order());
    }
}

public class PlaceNamesTests
{
    [Fact]
    public void False_containers_are_single_names_that_hold_the_term_after_their_first_character()
    {
        var p = Musubi.Search.Places.PlaceNames.Default;
        Assert.True(p.IsPlace("京都"));
        Assert.True(p.IsPlace("京都府京都市北区"));
        Assert.False(p.IsPlace("市"));
        Assert.False(p.IsPlace("北")); // 北区 is not shortened to one character
        Assert.Contains("東京都", p.FalseContainers("京都"));
        Assert.Contains("東大阪", p.FalseContainers("大阪"));
        Assert.DoesNotContain("府大阪市", p.FalseContainers("大阪市")); // 大阪府大阪市 is still 大阪市
        Assert.DoesNotContain("市北区", p.FalseContainers("北区"));
        Assert.Empty(p.FalseContainers("公園"));
    }

    [Fact]
    public void A_place_term_in_another_place_s_full_address_still_matches()
    {
        using var index = Index(
            Dataset("kyoto", "連携事業の一覧", pref: "260002", description: "大阪府大阪市と共同で実施"),
            Dataset("osaka", "市内の公園", muni: "271004"));
        Assert.Equal(["osaka", "kyoto"], index.Ids("大阪市"));
    }
}
