using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class FlagTests
{
    private static readonly string[] Ari = ["有"];
    private static readonly string[] Nashi = ["無"];
    private static readonly string[] One = ["1"];
    private static readonly string[] Blank = [""];

    [Theory]
    [InlineData("有", "有")]
    [InlineData("あり", "有")]
    [InlineData("有り", "有")]
    [InlineData("○", "有")]
    [InlineData("〇", "有")]
    [InlineData("◯", "有")]
    [InlineData("●", "有")]
    [InlineData("1", "有")]
    [InlineData("１", "有")]
    [InlineData("可", "有")]
    [InlineData("Yes", "有")]
    [InlineData("y", "有")]
    [InlineData("TRUE", "有")]
    [InlineData("✓", "有")]
    [InlineData(" 有 ", "有")]
    [InlineData("無", "無")]
    [InlineData("なし", "無")]
    [InlineData("×", "無")]
    [InlineData("✕", "無")]
    [InlineData("0", "無")]
    [InlineData("不可", "無")]
    [InlineData("No", "無")]
    [InlineData("false", "無")]
    [InlineData("－", "無")]
    public void Ari_nashi_field(string raw, string expected)
    {
        var r = Flag.Normalize(raw, Ari, Nashi);
        Assert.Equal(expected, r.Value);
        Assert.Equal(raw == expected ? Outcome.Unchanged : Outcome.Fixed, r.Outcome);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("", "")]
    [InlineData("○", "1")]
    [InlineData("有", "1")]
    [InlineData("0", "")]
    [InlineData("×", "")]
    [InlineData("無", "")]
    [InlineData("  ", "")]
    [InlineData("　", "")]
    public void One_or_blank_field(string raw, string expected) => Assert.Equal(expected, Flag.Normalize(raw, One, Blank).Value);

    [Fact]
    public void Blank_in_a_yes_no_field_is_missing() => Assert.Equal(Normalized.Same(""), Flag.Normalize("", Ari, Nashi));

    [Fact]
    public void Partial_is_kept_as_a_warning()
    {
        var r = Flag.Normalize("△", Ari, Nashi);
        Assert.Equal(("△", Outcome.Invalid, "flag-partial"), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("不明")]
    [InlineData("2")]
    [InlineData("要相談")]
    public void Unknown_values_are_invalid(string raw)
    {
        var r = Flag.Normalize(raw, Ari, Nashi);
        Assert.Equal((raw, Outcome.Invalid, "invalid-flag"), (r.Value, r.Outcome, r.Code));
    }

    [Fact]
    public void Synonyms_do_not_override_the_fields_own_values()
    {
        // A field whose own false value is "0" must not read "0" as a synonym of anything else, and a field that uses
        // "○"/"×" keeps them canonical.
        string[] maru = ["○"], batsu = ["×"];
        Assert.Equal(Normalized.Same("○"), Flag.Normalize("○", maru, batsu));
        Assert.Equal("○", Flag.Normalize("有", maru, batsu).Value);
        string[] t = ["1", "有"], f = ["0", "無"];
        var r = Flag.Normalize("有", t, f);
        Assert.Equal(("1", "flag-normalized"), (r.Value, r.Code));
        string[] odd = ["0"], oddF = ["1"];
        Assert.Equal("0", Flag.Normalize("0", odd, oddF).Value);
        Assert.Equal("1", Flag.Normalize("1", odd, oddF).Value);
    }

    [Fact]
    public void Defaults_are_frictionless_true_false()
    {
        Assert.Equal("true", Flag.Normalize("有", null, null).Value);
        Assert.Equal("false", Flag.Normalize("無", null, null).Value);
    }
}
