using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class CoordinatesTests
{
    [Theory]
    [InlineData("35.6895")]
    [InlineData("35.6800")]
    [InlineData("34.0702774")]
    [InlineData("35")]
    [InlineData("46")]
    [InlineData("46.0000")]
    [InlineData("20.4253")]
    [InlineData("34.07027739")] // 8 decimals: kept as written
    [InlineData("35.123456789012")]
    [InlineData("")]
    public void Latitude_canonical(string raw) => Assert.Equal(Normalized.Same(raw), Coordinates.NormalizeLatitude(raw));

    [Theory]
    [InlineData("139.6917")]
    [InlineData("132.7071662")]
    [InlineData("132.70716623456")] // a source's precision is kept: rounding is not a fix
    public void Longitude_canonical(string raw) => Assert.Equal(Normalized.Same(raw), Coordinates.NormalizeLongitude(raw));

    [Theory]
    [InlineData("35.6895 ", "35.6895", "coordinate-format")]
    [InlineData("35.6812,", "35.6812", "coordinate-format")] // issue 12: a separator left from a split pair
    [InlineData(" 35.6812 ，", "35.6812", "coordinate-format")]
    [InlineData("、35.6812", "35.6812", "coordinate-format")]
    [InlineData("　35.6895", "35.6895", "coordinate-format")]
    [InlineData("３５．６８９５", "35.6895", "coordinate-format")]
    [InlineData("+35.6895", "35.6895", "coordinate-format")]
    [InlineData("35°41'22.3\"", "35.6895278", "coordinate-dms")]
    [InlineData("35°41′22.3″", "35.6895278", "coordinate-dms")]
    [InlineData("35度41分22.3秒", "35.6895278", "coordinate-dms")]
    [InlineData("北緯35度41分22.3秒", "35.6895278", "coordinate-dms")]
    [InlineData("N35°41'22.3\"", "35.6895278", "coordinate-dms")]
    [InlineData("35°41'22.3\"N", "35.6895278", "coordinate-dms")]
    [InlineData("35:41:22.3", "35.6895278", "coordinate-dms")]
    [InlineData("35度41分", "35.6833333", "coordinate-dms")]
    [InlineData("35°41'22.3''", "35.6895278", "coordinate-dms")]
    [InlineData("３５度４１分２２．３秒", "35.6895278", "coordinate-dms")]
    [InlineData("N35.6895", "35.6895", "coordinate-format")]
    [InlineData("0", "", "coordinates-zero")]
    [InlineData("0.000000", "", "coordinates-zero")]
    [InlineData("-", "", "missing-placeholder")]
    [InlineData("－", "", "missing-placeholder")]
    [InlineData("  ", "", "text-trimmed")]
    public void Latitude_fixed(string raw, string expected, string code)
    {
        var r = Coordinates.NormalizeLatitude(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("東経139度41分30秒", "139.6916667", "coordinate-dms")]
    [InlineData("139°41'30\"E", "139.6916667", "coordinate-dms")]
    [InlineData("E139.6917", "139.6917", "coordinate-format")]
    public void Longitude_fixed(string raw, string expected, string code)
    {
        var r = Coordinates.NormalizeLongitude(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("369.56056", "coordinate-out-of-range")]
    [InlineData("139.69", "coordinate-out-of-range")]
    [InlineData("-35.6895", "coordinate-out-of-range")]
    [InlineData("南緯35度", "coordinate-out-of-range")]
    [InlineData("19.9", "coordinate-out-of-range")]
    [InlineData("46.0000001", "coordinate-out-of-range")]
    [InlineData("abc", "invalid-coordinate")]
    [InlineData("35.68.95", "invalid-coordinate")]
    [InlineData("35°61'", "invalid-coordinate")]
    [InlineData("35,6895", "invalid-coordinate")]
    public void Latitude_invalid(string raw, string code)
    {
        var r = Coordinates.NormalizeLatitude(raw);
        Assert.Equal((raw, Outcome.Invalid, code), (r.Value, r.Outcome, r.Code));
    }

    [Fact]
    public void Pair_in_range_is_kept()
    {
        var p = Coordinates.NormalizePair("35.6895", "139.6917");
        Assert.Equal(new CoordinatePair(Normalized.Same("35.6895"), Normalized.Same("139.6917")), p);
    }

    [Fact]
    public void Swapped_pair_is_repaired()
    {
        var p = Coordinates.NormalizePair("132.7071662", "34.07027739");
        Assert.Equal(("34.07027739", Outcome.Fixed, "coordinates-swapped"), (p.Latitude.Value, p.Latitude.Outcome, p.Latitude.Code));
        Assert.Equal(("132.7071662", Outcome.Fixed, "coordinates-swapped"), (p.Longitude.Value, p.Longitude.Outcome, p.Longitude.Code));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.0", "0.000")]
    [InlineData("0", "")]
    public void Zero_pair_is_missing(string lat, string lon)
    {
        var p = Coordinates.NormalizePair(lat, lon);
        Assert.Equal("", p.Latitude.Value);
        Assert.Equal("", p.Longitude.Value);
        Assert.Equal("coordinates-zero", p.Latitude.Code);
    }

    [Fact]
    public void Out_of_Japan_pair_is_invalid()
    {
        var p = Coordinates.NormalizePair("48.8566", "2.3522");
        Assert.Equal((Outcome.Invalid, "coordinate-out-of-range"), (p.Latitude.Outcome, p.Latitude.Code));
        Assert.Equal((Outcome.Invalid, "coordinate-out-of-range"), (p.Longitude.Outcome, p.Longitude.Code));
    }

    [Theory]
    [InlineData("35.6895,139.6917")]
    [InlineData("35.6895, 139.6917")]
    [InlineData("35.6895，139.6917")]
    [InlineData("35.6895 139.6917")]
    [InlineData("139.6917,35.6895")]
    public void Pair_in_one_cell(string cell)
    {
        var p = Coordinates.NormalizeCell(cell);
        Assert.Equal("35.6895", p.Latitude.Value);
        Assert.Equal("139.6917", p.Longitude.Value);
    }

    [Fact]
    public void Pair_cell_that_is_not_a_pair()
    {
        Assert.False(Coordinates.TrySplitPair("35.6895", out _, out _));
        Assert.Equal(Outcome.Invalid, Coordinates.NormalizeCell("1,2,3").Latitude.Outcome);
    }

    [Fact]
    public void TryParseDegrees_handles_hemispheres()
    {
        Assert.True(Coordinates.TryParseDegrees("35°30'S", out double s));
        Assert.Equal(-35.5, s, 7);
        Assert.True(Coordinates.TryParseDegrees("139.5", out double e));
        Assert.Equal(139.5, e, 7);
        Assert.False(Coordinates.TryParseDegrees("x", out _));
    }
}
