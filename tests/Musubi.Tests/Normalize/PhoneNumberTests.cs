using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("03-1234-5678")]
    [InlineData("028-635-3043")]
    [InlineData("0123-45-6789")]
    [InlineData("090-1234-5678")]
    [InlineData("0120-123-456")]
    [InlineData("0467123456")]
    [InlineData("")]
    public void Canonical_values_are_unchanged(string raw) => Assert.Equal(Normalized.Same(raw), PhoneNumber.Normalize(raw));

    [Theory]
    [InlineData("０３－１２３４－５６７８", "03-1234-5678")]
    [InlineData("03‐1234‐5678", "03-1234-5678")]
    [InlineData("03–1234–5678", "03-1234-5678")]
    [InlineData("03—1234—5678", "03-1234-5678")]
    [InlineData("03―1234―5678", "03-1234-5678")]
    [InlineData("03−1234−5678", "03-1234-5678")]
    [InlineData("03ー1234ー5678", "03-1234-5678")]
    [InlineData("03ｰ1234ｰ5678", "03-1234-5678")]
    [InlineData("(03)1234-5678", "03-1234-5678")]
    [InlineData("（03）1234-5678", "03-1234-5678")]
    [InlineData("03(1234)5678", "03-1234-5678")]
    [InlineData("TEL:03-1234-5678", "03-1234-5678")]
    [InlineData("TEL：03-1234-5678", "03-1234-5678")]
    [InlineData("Tel. 03-1234-5678", "03-1234-5678")]
    [InlineData("電話 03-1234-5678", "03-1234-5678")]
    [InlineData(" 03-1234-5678 ", "03-1234-5678")]
    [InlineData("03 1234 5678", "03-1234-5678")]
    [InlineData("0312345678", "03-1234-5678")]
    [InlineData("0612345678", "06-1234-5678")]
    [InlineData("09012345678", "090-1234-5678")]
    [InlineData("08012345678", "080-1234-5678")]
    [InlineData("07012345678", "070-1234-5678")]
    [InlineData("05012345678", "050-1234-5678")]
    [InlineData("0120123456", "0120-123-456")]
    [InlineData("0570123456", "0570-123-456")]
    [InlineData("08001234567", "0800-123-4567")]
    [InlineData("+81-3-1234-5678", "03-1234-5678")]
    [InlineData("+81 90 1234 5678", "090-1234-5678")]
    [InlineData("０４６７１２３４５６", "0467123456")]
    public void Fixed(string raw, string expected)
    {
        var r = PhoneNumber.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, "phone-format"), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("03-1234-5678; 03-1234-5679", "03-1234-5678;03-1234-5679")]
    [InlineData("03-1234-5678、090-1234-5678", "03-1234-5678;090-1234-5678")]
    [InlineData("03-1234-5678 / 03-1234-5679", "03-1234-5678;03-1234-5679")]
    public void Several_numbers(string raw, string expected)
    {
        var r = PhoneNumber.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, "phone-multiple"), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("767742051", "0767742051")]
    [InlineData("312345678", "03-1234-5678")]
    [InlineData("9012345678", "090-1234-5678")]
    [InlineData("１２０１２３４５６", "0120-123-456")]
    public void Lost_leading_zero(string raw, string expected)
    {
        var r = PhoneNumber.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, "phone-leading-zero"), (r.Value, r.Outcome, r.Code));
    }

    [Fact]
    public void Already_joined_numbers_are_unchanged() =>
        Assert.Equal(Normalized.Same("03-1234-5678;03-1234-5679"), PhoneNumber.Normalize("03-1234-5678;03-1234-5679"));

    [Theory]
    [InlineData("03-1234-567")]
    [InlineData("1234-5678")]
    [InlineData("110")]
    [InlineData("#7119")]
    [InlineData("03-1234-5678(内線123)")]
    [InlineData("0312345678901")]
    [InlineData("03123456789")]
    [InlineData("なし")]
    [InlineData("00-1234-5678")]
    [InlineData("0012345678")]
    [InlineData("03-1234-5678;なし")]
    public void Invalid_values_are_kept(string raw)
    {
        var r = PhoneNumber.Normalize(raw);
        Assert.Equal((raw, Outcome.Invalid, "invalid-phone"), (r.Value, r.Outcome, r.Code));
    }
}
