using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class JapaneseDateTests
{
    [Theory]
    [InlineData("2023-04-01")]
    [InlineData("1989-01-08")]
    [InlineData("2024-02-29")]
    [InlineData("")]
    [InlineData("2023-04")]
    public void Canonical_values_are_unchanged(string raw) => Assert.Equal(Normalized.Same(raw), JapaneseDate.Normalize(raw));

    [Theory]
    // 西暦
    [InlineData("2023/4/1", "2023-04-01", "date-format")]
    [InlineData("2023/04/01", "2023-04-01", "date-format")]
    [InlineData("2023.4.1", "2023-04-01", "date-format")]
    [InlineData("2023-4-1", "2023-04-01", "date-format")]
    [InlineData("2023年4月1日", "2023-04-01", "date-format")]
    [InlineData("2023年04月01日", "2023-04-01", "date-format")]
    [InlineData("2023年4月1日(土)", "2023-04-01", "date-format")]
    [InlineData("2023年4月1日（土曜日）", "2023-04-01", "date-format")]
    [InlineData("20230401", "2023-04-01", "date-format")]
    [InlineData(" 2023-04-01 ", "2023-04-01", "date-format")]
    [InlineData("２０２３－０４－０１", "2023-04-01", "date-format")]
    [InlineData("２０２３年４月１日", "2023-04-01", "date-format")]
    [InlineData("二〇二三年四月一日", "2023-04-01", "date-format")]
    // Excel m/d/yy CSV artefact
    [InlineData("4/1/23", "2023-04-01", "date-format")]
    [InlineData("12/31/99", "1999-12-31", "date-format")]
    [InlineData("4/1/2023", "2023-04-01", "date-format")]
    // Excel serial
    [InlineData("45017", "2023-04-01", "date-excel-serial")]
    [InlineData("43586", "2019-05-01", "date-excel-serial")]
    [InlineData("18264", "1950-01-01", "date-excel-serial")]
    [InlineData("11374", "1931-02-20", "date-excel-serial")]
    [InlineData("10000", "1927-05-18", "date-excel-serial")]
    [InlineData("H.30.3.31", "2018-03-31", "date-wareki")]
    [InlineData("73050", "2099-12-31", "date-excel-serial")]
    // 和暦 kanji era
    [InlineData("令和5年4月1日", "2023-04-01", "date-wareki")]
    [InlineData("令和元年5月1日", "2019-05-01", "date-wareki")]
    [InlineData("令和元年10月1日", "2019-10-01", "date-wareki")]
    [InlineData("平成３１年４月３０日", "2019-04-30", "date-wareki")]
    [InlineData("平成元年1月8日", "1989-01-08", "date-wareki")]
    [InlineData("昭和64年1月7日", "1989-01-07", "date-wareki")]
    [InlineData("昭和元年12月25日", "1926-12-25", "date-wareki")]
    [InlineData("大正15年12月25日", "1926-12-25", "date-wareki")]
    [InlineData("大正元年7月30日", "1912-07-30", "date-wareki")]
    [InlineData("明治45年7月30日", "1912-07-30", "date-wareki")]
    [InlineData("明治元年10月23日", "1868-10-23", "date-wareki")]
    [InlineData("明治元年1月25日", "1868-01-25", "date-wareki")]
    [InlineData("令和 02年05月01日", "2020-05-01", "date-wareki")]
    [InlineData("令和　2年 5月 1日", "2020-05-01", "date-wareki")]
    // letters
    [InlineData("R5.4.1", "2023-04-01", "date-wareki")]
    [InlineData("R05.04.01", "2023-04-01", "date-wareki")]
    [InlineData("R5/4/1", "2023-04-01", "date-wareki")]
    [InlineData("r5.4.1", "2023-04-01", "date-wareki")]
    [InlineData("H30/3/31", "2018-03-31", "date-wareki")]
    [InlineData("H30.3.31", "2018-03-31", "date-wareki")]
    [InlineData("H31.4.30", "2019-04-30", "date-wareki")]
    [InlineData("S63.12.1", "1988-12-01", "date-wareki")]
    [InlineData("T1.7.30", "1912-07-30", "date-wareki")]
    [InlineData("M45.7.30", "1912-07-30", "date-wareki")]
    [InlineData("Ｒ５．４．１", "2023-04-01", "date-wareki")]
    [InlineData("Ｈ３０年３月３１日", "2018-03-31", "date-wareki")]
    [InlineData("R5-4-1", "2023-04-01", "date-wareki")]
    // abbreviated kanji
    [InlineData("令5.4.1", "2023-04-01", "date-wareki")]
    [InlineData("平30.3.31", "2018-03-31", "date-wareki")]
    [InlineData("昭63.12.1", "1988-12-01", "date-wareki")]
    // kanji numerals
    [InlineData("令和五年四月一日", "2023-04-01", "date-wareki")]
    [InlineData("令和元年十月十日", "2019-10-10", "date-wareki")]
    [InlineData("平成二十三年三月十一日", "2011-03-11", "date-wareki")]
    [InlineData("平成三十年十二月三十一日", "2018-12-31", "date-wareki")]
    [InlineData("昭和二十年八月十五日", "1945-08-15", "date-wareki")]
    // ligatures
    [InlineData("㋿5年4月1日", "2023-04-01", "date-wareki")]
    [InlineData("㍻30年3月31日", "2018-03-31", "date-wareki")]
    [InlineData("㍼63年12月1日", "1988-12-01", "date-wareki")]
    [InlineData("㍽15年12月25日", "1926-12-25", "date-wareki")]
    [InlineData("㍾45年7月30日", "1912-07-30", "date-wareki")]
    // after the era's end: converted with a warning code
    [InlineData("平成31年5月1日", "2019-05-01", "date-era-overflow")]
    [InlineData("平成32年4月1日", "2020-04-01", "date-era-overflow")]
    [InlineData("昭和64年1月8日", "1989-01-08", "date-era-overflow")]
    [InlineData("H31.5.1", "2019-05-01", "date-era-overflow")]
    // date-times keep the date part
    [InlineData("2023/4/1 9:00", "2023-04-01", "date-time-dropped")]
    [InlineData("2023-04-01T09:00:00", "2023-04-01", "date-time-dropped")]
    [InlineData("2023-04-01T09:00:00+09:00", "2023-04-01", "date-time-dropped")]
    [InlineData("2023/04/01 09:00:00", "2023-04-01", "date-time-dropped")]
    [InlineData("令和5年4月1日 午前9時", "2023-04-01", "date-time-dropped")]
    [InlineData("45017.375", "2023-04-01", "date-time-dropped")]
    [InlineData("2023年4月1日午前9時", "2023-04-01", "date-time-dropped")]
    [InlineData("令和5年4月1日9:30", "2023-04-01", "date-time-dropped")]
    [InlineData("45017.0", "2023-04-01", "date-excel-serial")]
    // year-month
    [InlineData("2023年4月", "2023-04", "date-year-month")]
    [InlineData("2023/4", "2023-04", "date-year-month")]
    [InlineData("令和5年4月", "2023-04", "date-year-month")]
    [InlineData("R5.4", "2023-04", "date-year-month")]
    [InlineData("令和元年5月", "2019-05", "date-year-month")]
    [InlineData("平成31年5月", "2019-05", "date-era-overflow")]
    public void Fixed(string raw, string expected, string code)
    {
        var r = JapaneseDate.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("令和元年4月1日", "date-before-era")]
    [InlineData("令和元年4月30日", "date-before-era")]
    [InlineData("平成元年1月7日", "date-before-era")]
    [InlineData("昭和元年12月24日", "date-before-era")]
    [InlineData("令和元年4月", "date-before-era")]
    [InlineData("明治元年1月24日", "date-before-era")]
    [InlineData("平成0年4月1日", "invalid-date")]
    [InlineData("令和0年", "invalid-date")]
    [InlineData("2023年2月30日", "invalid-date")]
    [InlineData("2023-02-29", "invalid-date")]
    [InlineData("令和5年2月29日", "invalid-date")]
    [InlineData("2023/13/1", "invalid-date")]
    [InlineData("2023/0/1", "invalid-date")]
    [InlineData("2023/4/31", "invalid-date")]
    [InlineData("13/1/23", "invalid-date")]
    [InlineData("令和5年度", "date-fiscal-year")]
    [InlineData("2023年度", "date-fiscal-year")]
    [InlineData("R5年度", "date-fiscal-year")]
    [InlineData("令和5年", "date-year-only")]
    [InlineData("2023年", "date-year-only")]
    [InlineData("2023", "date-year-only")]
    [InlineData("09999", "invalid-date")]
    [InlineData("73051", "invalid-date")]
    [InlineData("99999", "invalid-date")]
    [InlineData("1", "invalid-date")]
    [InlineData("abc", "invalid-date")]
    [InlineData("4月1日", "invalid-date")]
    [InlineData("令和5年4月1日から", "invalid-date")]
    [InlineData("2023/4/1～2023/4/5", "invalid-date")]
    [InlineData("未定", "invalid-date")]
    [InlineData("R123.4.1", "invalid-date")]
    [InlineData("2023/4/1/2", "invalid-date")]
    [InlineData("2023.4/1", "invalid-date")]
    public void Invalid_values_are_kept(string raw, string code)
    {
        var r = JapaneseDate.Normalize(raw);
        Assert.Equal((raw, Outcome.Invalid, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("2023", "2023")]
    [InlineData("", "")]
    public void Year_canonical(string raw, string expected) => Assert.Equal(Normalized.Same(expected), JapaneseDate.NormalizeYear(raw));

    [Theory]
    [InlineData("令和5年", "2023", "year-wareki")]
    [InlineData("令和元年", "2019", "year-wareki")]
    [InlineData("平成３１年", "2019", "year-wareki")]
    [InlineData("R5", "2023", "year-wareki")]
    [InlineData("2023年", "2023", "year-format")]
    [InlineData("２０２３", "2023", "year-format")]
    [InlineData("令和5年度", "2023", "year-fiscal")]
    [InlineData("平成32年", "2020", "date-era-overflow")]
    public void Year_fixed(string raw, string expected, string code)
    {
        var r = JapaneseDate.NormalizeYear(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("平成0年")]
    [InlineData("2023-04-01")]
    [InlineData("abc")]
    [InlineData("123")]
    public void Year_invalid(string raw) => Assert.Equal(Outcome.Invalid, JapaneseDate.NormalizeYear(raw).Outcome);

    [Fact]
    public void TryParse_gives_DateOnly()
    {
        Assert.True(JapaneseDate.TryParse("令和5年4月1日", out var d));
        Assert.Equal(new DateOnly(2023, 4, 1), d);
        Assert.False(JapaneseDate.TryParse("令和5年度", out _));
        Assert.False(JapaneseDate.TryParse("令和元年4月1日", out _));
        Assert.False(JapaneseDate.TryParse(null, out _));
    }

    [Fact]
    public void Era_table_is_loaded_from_data_file()
    {
        var eras = JapaneseEra.All;
        Assert.Equal(["明治", "大正", "昭和", "平成", "令和"], eras.Select(e => e.Name));
        Assert.Equal([1867, 1911, 1925, 1988, 2018], eras.Select(e => e.Offset));
        Assert.Equal(new DateOnly(1989, 1, 8), eras[3].Start);
        Assert.Equal(new DateOnly(1868, 1, 25), eras[0].EarliestDay);
        Assert.Equal(new DateOnly(1868, 10, 23), eras[0].Start);
        Assert.Null(eras[4].End);
        Assert.Same(eras[4], JapaneseEra.Find("㋿"));
        Assert.Same(eras[3], JapaneseEra.Find("H"));
        Assert.Same(eras[2], JapaneseEra.Find("昭和"));
        Assert.Same(eras[3], JapaneseEra.Of(new DateOnly(2019, 4, 30)));
        Assert.Same(eras[4], JapaneseEra.Of(new DateOnly(2019, 5, 1)));
        Assert.False(string.IsNullOrEmpty(JapaneseEra.TableVersion));
    }

    [Fact]
    public void ToIso_pads() => Assert.Equal("0999-01-02", JapaneseDate.ToIso(new DateOnly(999, 1, 2)));
}
