using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class DateTimeTextTests
{
    [Theory]
    [InlineData("2023-04-01T09:00:00")]
    [InlineData("2023-04-01T09:00:00+09:00")]
    [InlineData("2023-04-01T09:00:00Z")]
    [InlineData("")]
    public void Canonical_values_are_unchanged(string raw) => Assert.Equal(Normalized.Same(raw), DateTimeText.Normalize(raw));

    [Theory]
    [InlineData("2023/4/1 9:00", "2023-04-01T09:00:00")]
    [InlineData("2023-04-01 09:00:00", "2023-04-01T09:00:00")]
    [InlineData("令和5年4月1日 午後5時半", "2023-04-01T17:30:00")]
    [InlineData("R5.4.1 9時", "2023-04-01T09:00:00")]
    [InlineData("2023/4/1", "2023-04-01T00:00:00")]
    public void Fixed(string raw, string expected)
    {
        var r = DateTimeText.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, "datetime-format"), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("2023/4/1 24:00")]
    [InlineData("2023/2/30 9:00")]
    [InlineData("9:00")]
    [InlineData("未定")]
    public void Invalid(string raw)
    {
        var r = DateTimeText.Normalize(raw);
        Assert.Equal((raw, Outcome.Invalid, "invalid-datetime"), (r.Value, r.Outcome, r.Code));
    }
}
