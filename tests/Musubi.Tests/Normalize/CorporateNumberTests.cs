using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class CorporateNumberTests
{
    [Theory]
    [InlineData("7123456789012")]
    [InlineData("4011001098993")]
    [InlineData("2120901007402")]
    [InlineData("8000020130001")]
    [InlineData("")]
    public void Worked_examples_are_valid(string raw)
    {
        Assert.Equal(Normalized.Same(raw), CorporateNumber.Normalize(raw));
        if (raw.Length > 0)
        {
            Assert.True(CorporateNumber.IsValid(raw));
            Assert.Equal(raw[0] - '0', CorporateNumber.ComputeCheckDigit(raw.AsSpan(1)));
        }
    }

    [Theory]
    [InlineData("123456789012", "7123456789012", "corporate-number-check-digit-added")]
    [InlineData("011001098993", "4011001098993", "corporate-number-check-digit-added")]
    [InlineData("000020130001", "8000020130001", "corporate-number-check-digit-added")]
    [InlineData("７１２３４５６７８９０１２", "7123456789012", "corporate-number-format")]
    [InlineData(" 7123456789012 ", "7123456789012", "corporate-number-format")]
    [InlineData("7-1234-5678-9012", "7123456789012", "corporate-number-format")]
    [InlineData("7 1234 5678 9012", "7123456789012", "corporate-number-format")]
    public void Repaired(string raw, string expected, string code)
    {
        var r = CorporateNumber.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("1123456789012", "corporate-number-check-digit")]
    [InlineData("0123456789012", "corporate-number-check-digit")]
    [InlineData("12345", "invalid-corporate-number")]
    [InlineData("71234567890123", "invalid-corporate-number")]
    [InlineData("法人番号なし", "invalid-corporate-number")]
    [InlineData("712345678901X", "invalid-corporate-number")]
    public void Rejected(string raw, string code)
    {
        var r = CorporateNumber.Normalize(raw);
        Assert.Equal((raw, Outcome.Invalid, code), (r.Value, r.Outcome, r.Code));
    }

    [Fact]
    public void Value_type_members()
    {
        Assert.True(CorporateNumber.TryParse("8000020130001", out var n));
        Assert.Equal("000020130001", n.BaseNumber);
        Assert.Equal("7123456789012", CorporateNumber.FromBase("123456789012").Value);
        Assert.False(CorporateNumber.TryParse("8000020130002", out _));
    }
}
