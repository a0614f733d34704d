using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class NumberTextTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("50700")]
    [InlineData("-12")]
    [InlineData("007")]
    [InlineData("")]
    public void Integer_canonical(string raw) => Assert.Equal(Normalized.Same(raw), NumberText.NormalizeInteger(raw));

    [Theory]
    [InlineData("12.5")]
    [InlineData("-0.25")]
    [InlineData("3")]
    public void Number_canonical(string raw) => Assert.Equal(Normalized.Same(raw), NumberText.NormalizeNumber(raw));

    [Theory]
    [InlineData("50,700 ", "50700", "number-format")]
    [InlineData(" 12 ", "12", "number-format")]
    [InlineData("１２３", "123", "number-format")]
    [InlineData("１，２００", "1200", "number-format")]
    [InlineData("1,234,567", "1234567", "number-format")]
    [InlineData("▲500", "-500", "number-format")]
    [InlineData("△1,200", "-1200", "number-format")]
    [InlineData("−5", "-5", "number-format")]
    [InlineData("12.0", "12", "number-format")]
    [InlineData("50人", "50", "number-unit-removed")]
    [InlineData("100名", "100", "number-unit-removed")]
    [InlineData("1,200円", "1200", "number-unit-removed")]
    [InlineData("¥1,200", "1200", "number-unit-removed")]
    [InlineData("30m", "30", "number-unit-removed")]
    [InlineData("3台", "3", "number-unit-removed")]
    [InlineData("3（うち1台は休止中）", "3", "number-note")] // issue 12: a count with a note is not an invalid number
    [InlineData("12(予定)", "12", "number-note")]
    [InlineData("12人(うち子供3人)", "12", "number-note")] // was refused as invalid before issue 12
    [InlineData("2台（1台は屋外）", "2", "number-note")]
    [InlineData("2箇所", "2", "number-unit-removed")]
    [InlineData("約50", "50", "number-approximate")]
    [InlineData("約50人", "50", "number-approximate")]
    [InlineData("50人以上", "50", "number-approximate")]
    [InlineData("100程度", "100", "number-approximate")]
    public void Integer_fixed(string raw, string expected, string code)
    {
        var r = NumberText.NormalizeInteger(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("1,234.5", "1234.5", "number-format")]
    [InlineData("１２．５", "12.5", "number-format")]
    [InlineData("12.5m", "12.5", "number-unit-removed")]
    [InlineData("25.5%", "25.5", "number-unit-removed")]
    [InlineData("12.5㎡", "12.5", "number-unit-removed")]
    [InlineData("▲0.5", "-0.5", "number-format")]
    public void Number_fixed(string raw, string expected, string code)
    {
        var r = NumberText.NormalizeNumber(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("1,23")]
    [InlineData("12,3456")]
    [InlineData("1-2")]
    [InlineData("10～20")]
    [InlineData("-")]
    [InlineData("不明")]
    [InlineData("1.2.3")]
    public void Integer_invalid(string raw)
    {
        var r = NumberText.NormalizeInteger(raw);
        Assert.Equal((raw, Outcome.Invalid, "invalid-number"), (r.Value, r.Outcome, r.Code));
    }
}
