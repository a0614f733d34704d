using Musubi.Normalize;
using Musubi.Registry;

namespace Musubi.Tests.Normalize;

public class LocalGovernmentCodeTests
{
    [Theory]
    [InlineData("13101", 6)]
    [InlineData("01100", 2)]
    [InlineData("09201", 1)]
    [InlineData("13208", 0)]
    [InlineData("01000", 6)]
    [InlineData("13000", 1)]
    [InlineData("13103", 2)]
    [InlineData("13421", 0)]
    public void Check_digit_worked_examples(string five, int check) => Assert.Equal(check, LocalGovernmentCode.ComputeCheckDigit(five));

    [Theory]
    [InlineData("131016")]
    [InlineData("011002")]
    [InlineData("092011")]
    [InlineData("132080")]
    [InlineData("010006")]
    [InlineData("130001")]
    [InlineData("222127")]
    [InlineData("382019")]
    [InlineData("")]
    public void Valid_codes_are_unchanged(string raw)
    {
        Assert.Equal(Normalized.Same(raw), LocalGovernmentCodeNormalizer.Normalize(raw));
        if (raw.Length > 0)
        {
            Assert.True(LocalGovernmentCode.TryParse(raw, out var code));
            Assert.Equal(raw, code.Value);
        }
    }

    [Theory]
    [InlineData("13101", "131016", "lg-code-check-digit-added")]
    [InlineData("13208", "132080", "lg-code-check-digit-added")]
    [InlineData("13000", "130001", "lg-code-check-digit-added")]
    [InlineData("92011", "092011", "lg-code-leading-zero")]
    [InlineData("11002", "011002", "lg-code-leading-zero")]
    [InlineData("10006", "010006", "lg-code-leading-zero")]
    [InlineData("1100", "011002", "lg-code-leading-zero")]
    [InlineData("9201", "092011", "lg-code-leading-zero")]
    [InlineData("１３１０１６", "131016", "lg-code-format")]
    [InlineData(" 131016 ", "131016", "lg-code-format")]
    [InlineData("131016.0", "131016", "lg-code-format")]
    [InlineData("１３１０１", "131016", "lg-code-check-digit-added")]
    [InlineData("13", "130001", "lg-code-prefecture-expanded")]
    [InlineData("1", "010006", "lg-code-prefecture-expanded")]
    [InlineData("01", "010006", "lg-code-prefecture-expanded")]
    public void Repaired(string raw, string expected, string code)
    {
        var r = LocalGovernmentCodeNormalizer.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("131017", "lg-code-check-digit")]
    [InlineData("131010", "lg-code-check-digit")]
    [InlineData("99999", "invalid-lg-code")]
    [InlineData("481000", "invalid-lg-code")]
    [InlineData("001000", "invalid-lg-code")]
    [InlineData("48", "invalid-lg-code")]
    [InlineData("0", "invalid-lg-code")]
    [InlineData("abc", "invalid-lg-code")]
    [InlineData("13-101", "invalid-lg-code")]
    [InlineData("1310160", "invalid-lg-code")]
    [InlineData("131", "invalid-lg-code")]
    [InlineData("千代田区", "invalid-lg-code")]
    public void Rejected(string raw, string code)
    {
        var r = LocalGovernmentCodeNormalizer.Normalize(raw);
        Assert.Equal((raw, Outcome.Invalid, code), (r.Value, r.Outcome, r.Code));
    }

    [Fact]
    public void Registry_disambiguates_five_character_values()
    {
        // "11002": 011002 (札幌市) verifies, but 110027 would be the five-digit reading. Without a registry the zero wins.
        Assert.Equal("011002", LocalGovernmentCodeNormalizer.Normalize("11002").Value);
        var known = new HashSet<string> { "110027" };
        var r = LocalGovernmentCodeNormalizer.Normalize("11002", known.Contains);
        Assert.Equal(("110027", "lg-code-check-digit-added"), (r.Value, r.Code));
        known = ["011002"];
        r = LocalGovernmentCodeNormalizer.Normalize("11002", known.Contains);
        Assert.Equal(("011002", "lg-code-leading-zero"), (r.Value, r.Code));
        r = LocalGovernmentCodeNormalizer.Normalize("11002", _ => false);
        Assert.Equal((Outcome.Invalid, "lg-code-unknown"), (r.Outcome, r.Code));
        r = LocalGovernmentCodeNormalizer.Normalize("131016", _ => false);
        Assert.Equal((Outcome.Invalid, "lg-code-unknown"), (r.Outcome, r.Code));
        Assert.Equal(Normalized.Same("131016"), LocalGovernmentCodeNormalizer.Normalize("131016", c => c == "131016"));
    }

    [Fact]
    public void Value_type_members()
    {
        Assert.True(LocalGovernmentCode.TryParse("130001", out var tokyo));
        Assert.True(tokyo.IsPrefecture);
        Assert.Equal(13, tokyo.Prefecture);
        Assert.Equal("13000", tokyo.FiveDigit);
        Assert.Equal("131016", LocalGovernmentCode.FromFiveDigits("13101").ToString());
        Assert.False(LocalGovernmentCode.TryParse("131017", out _));
        Assert.False(LocalGovernmentCode.IsValid("１３１０１６"));
        Assert.Throws<ArgumentException>(() => LocalGovernmentCode.FromFiveDigits("99999"));
    }
}
