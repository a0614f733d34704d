using Musubi.Normalize;
using Musubi.Schemas;

namespace Musubi.Tests.Normalize;

public class FieldNormalizerTests
{
    private static FieldSchema F(string type = "string", string format = "default", string[]? enums = null, string[]? t = null, string[]? f = null) => new()
    {
        Name = "x",
        Type = type,
        Format = format,
        TrueValues = t,
        FalseValues = f,
        Constraints = enums is null ? null : new FieldConstraints { Enum = enums },
    };

    [Theory]
    [InlineData("string", "default", " 市役所 ", "市役所", "text-trimmed")]
    [InlineData("integer", "default", "1,200人", "1200", "number-unit-removed")]
    [InlineData("number", "default", "１２．５", "12.5", "number-format")]
    [InlineData("date", "default", "令和5年4月1日", "2023-04-01", "date-wareki")]
    [InlineData("time", "default", "9:00", "09:00", "time-format")]
    [InlineData("year", "default", "令和5年", "2023", "year-wareki")]
    [InlineData("datetime", "default", "2023/4/1 9:00", "2023-04-01T09:00:00", "datetime-format")]
    [InlineData("string", "lg-code", "13101", "131016", "lg-code-check-digit-added")]
    [InlineData("string", "corporate-number", "123456789012", "7123456789012", "corporate-number-check-digit-added")]
    [InlineData("string", "kana", "ﾄｳｷｮｳ", "トウキョウ", "kana-converted")]
    [InlineData("string", "phone", "(03)1234-5678", "03-1234-5678", "phone-format")]
    [InlineData("string", "postal-code", "〒123-4567", "1234567", "postal-code-format")]
    [InlineData("string", "email", "ａ＠ｂ．ｊｐ", "a@b.jp", "email-format")]
    [InlineData("string", "uri", " https://a.jp/ ", "https://a.jp/", "uri-format")]
    [InlineData("string", "list", "a、b", "a;b", "list-separator")]
    [InlineData("number", "latitude", "３５．６８", "35.68", "coordinate-format")]
    [InlineData("number", "longitude", "0", "", "coordinates-zero")]
    [InlineData("string", "town-id", "1001", "0001001", "town-id-leading-zero")]
    [InlineData("string", "id", "Ａ１", "A1", "id-format")]
    [InlineData("integer", "default", "-", "", "missing-placeholder")]
    [InlineData("date", "default", "－", "", "missing-placeholder")]
    [InlineData("string", "phone", "―", "", "missing-placeholder")]
    [InlineData("number", "latitude", "-", "", "missing-placeholder")]
    public void Dispatches_by_format_then_type(string type, string format, string raw, string expected, string code)
    {
        var r = FieldNormalizer.Normalize(F(type, format), raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("string", "default", "-")]
    [InlineData("string", "default", "")]
    [InlineData("integer", "default", "")]
    [InlineData("date", "default", "2023-04-01")]
    [InlineData("string", "lg-code", "131016")]
    [InlineData("string", "unknown-format", "abc")]
    [InlineData("unknown-type", "default", "abc")]
    public void Canonical_values_are_unchanged(string type, string format, string raw) =>
        Assert.Equal(Normalized.Same(raw), FieldNormalizer.Normalize(F(type, format), raw));

    [Fact]
    public void Boolean_uses_field_values()
    {
        var one = F("boolean", t: ["1"], f: [""]);
        Assert.Equal(Normalized.Same(""), FieldNormalizer.Normalize(one, ""));
        Assert.Equal("1", FieldNormalizer.Normalize(one, "○").Value);
        Assert.Equal("", FieldNormalizer.Normalize(one, "×").Value);
        var ari = F("boolean", enums: ["有", "無"], t: ["有"], f: ["無"]);
        Assert.Equal(("無", "flag-normalized"), (FieldNormalizer.Normalize(ari, "-").Value, FieldNormalizer.Normalize(ari, "-").Code));
    }

    [Fact]
    public void Enum_values_are_matched_loosely()
    {
        var field = F(enums: ["認定こども園（幼保連携型）", "認可私立保育所", "ＡＢＣ"]);
        Assert.Equal(Normalized.Same("認可私立保育所"), FieldNormalizer.Normalize(field, "認可私立保育所"));
        var r = FieldNormalizer.Normalize(field, "認定こども園(幼保連携型)");
        Assert.Equal(("認定こども園（幼保連携型）", Outcome.Fixed, "enum-normalized"), (r.Value, r.Outcome, r.Code));
        r = FieldNormalizer.Normalize(field, "認可私立 保育所");
        Assert.Equal(("認可私立保育所", "enum-normalized"), (r.Value, r.Code));
        r = FieldNormalizer.Normalize(field, "abc");
        Assert.Equal(("ＡＢＣ", "enum-normalized"), (r.Value, r.Code));
        r = FieldNormalizer.Normalize(field, "保育園");
        Assert.Equal(("保育園", Outcome.Invalid, "enum-mismatch"), (r.Value, r.Outcome, r.Code));
        Assert.Equal(Normalized.Same(""), FieldNormalizer.Normalize(field, ""));
    }

    [Fact]
    public void Enum_applies_to_each_item_of_a_list()
    {
        var field = F(format: "list", enums: ["内科", "外科", "小児科"]);
        Assert.Equal(Normalized.Same("内科;外科"), FieldNormalizer.Normalize(field, "内科;外科"));
        var r = FieldNormalizer.Normalize(field, "内科、外科");
        Assert.Equal(("内科;外科", "list-separator"), (r.Value, r.Code));
        r = FieldNormalizer.Normalize(field, "内科;外 科");
        Assert.Equal(("内科;外科", "enum-normalized"), (r.Value, r.Code));
        r = FieldNormalizer.Normalize(field, "内科;眼科");
        Assert.Equal(("内科;眼科", Outcome.Invalid, "enum-mismatch"), (r.Value, r.Outcome, r.Code));
    }

    [Fact]
    public void Lg_code_registry_is_passed_through()
    {
        var r = FieldNormalizer.Normalize(F(format: "lg-code"), "131016", _ => false);
        Assert.Equal("lg-code-unknown", r.Code);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("　", true)]
    [InlineData(" - ", true)]
    [InlineData("－", false)]
    [InlineData("x", false)]
    [InlineData("該当なし", true)]
    public void IsMissing_trims_first(string raw, bool expected) =>
        Assert.Equal(expected, FieldNormalizer.IsMissing(raw, ["", "-", "該当なし"]));
}
