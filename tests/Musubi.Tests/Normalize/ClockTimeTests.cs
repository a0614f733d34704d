using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class ClockTimeTests
{
    [Theory]
    [InlineData("09:00")]
    [InlineData("00:00")]
    [InlineData("23:59")]
    [InlineData("24:00")]
    [InlineData("")]
    public void Canonical_values_are_unchanged(string raw) => Assert.Equal(Normalized.Same(raw), ClockTime.Normalize(raw));

    [Theory]
    [InlineData("9:00", "09:00", "time-format")]
    [InlineData("9:30", "09:30", "time-format")]
    [InlineData(" 17:15 ", "17:15", "time-format")]
    [InlineData("09:00:00", "09:00", "time-seconds-dropped")]
    [InlineData("9:00:00", "09:00", "time-seconds-dropped")]
    [InlineData("17:30:59", "17:30", "time-seconds-dropped")]
    [InlineData("9時", "09:00", "time-format")]
    [InlineData("9時30分", "09:30", "time-format")]
    [InlineData("9時5分", "09:05", "time-format")]
    [InlineData("17時半", "17:30", "time-format")]
    [InlineData("午前9時", "09:00", "time-format")]
    [InlineData("午後5時半", "17:30", "time-format")]
    [InlineData("午後5時", "17:00", "time-format")]
    [InlineData("午後0時", "12:00", "time-format")]
    [InlineData("午後12時", "12:00", "time-format")]
    [InlineData("午前12時", "00:00", "time-format")]
    [InlineData("午前 9:30", "09:30", "time-format")]
    [InlineData("9:30 AM", "09:30", "time-format")]
    [InlineData("5:30PM", "17:30", "time-format")]
    [InlineData("0900", "09:00", "time-format")]
    [InlineData("1730", "17:30", "time-format")]
    [InlineData("９：００", "09:00", "time-format")]
    [InlineData("9：00", "09:00", "time-format")]
    [InlineData("１７時３０分", "17:30", "time-format")]
    [InlineData("九時", "09:00", "time-format")]
    [InlineData("十七時三十分", "17:30", "time-format")]
    [InlineData("24時", "24:00", "time-format")]
    [InlineData("24:00:00", "24:00", "time-seconds-dropped")]
    [InlineData("9時30分15秒", "09:30", "time-seconds-dropped")]
    [InlineData("0.375", "09:00", "time-format")]
    [InlineData("0.5", "12:00", "time-format")]
    public void Fixed(string raw, string expected, string code)
    {
        var r = ClockTime.Normalize(raw);
        Assert.Equal((expected, Outcome.Fixed, code), (r.Value, r.Outcome, r.Code));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("24:30")]
    [InlineData("9:60")]
    [InlineData("9:0")]
    [InlineData("900")]
    [InlineData("9.30")]
    [InlineData("9")]
    [InlineData("午後13時")]
    [InlineData("9:00～17:00")]
    [InlineData("終日")]
    [InlineData("随時")]
    [InlineData("12345")]
    [InlineData("0009:00")]
    [InlineData("1.5")]
    public void Invalid_values_are_kept(string raw)
    {
        var r = ClockTime.Normalize(raw);
        Assert.Equal((raw, Outcome.Invalid, "invalid-time"), (r.Value, r.Outcome, r.Code));
    }
}
