using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>
/// Date-times (Frictionless datetime): a date in any form <see cref="JapaneseDate"/> accepts, optionally followed by a time
/// <see cref="ClockTime"/> accepts, written "yyyy-MM-ddThh:mm:00". A date alone becomes midnight (code datetime-format).
/// An already ISO value (yyyy-MM-ddThh:mm:ss, optionally with Z or an offset) is kept unchanged.
/// </summary>
public static class DateTimeText
{
    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0 || DateTimeOffset.TryParseExact(raw, IsoForms, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            return Normalized.Same(raw);
        }
        if (TypedCell.Settled(raw, 64, IssueCode.InvalidDatetime, "not a date-time", out var t, out var settled))
        {
            return settled;
        }
        string s = t.ToString();
        int split = -1;
        for (int i = s.Length - 2; i > 0; i--)
        {
            if (CharText.IsSpace(s[i]) || (s[i] == 'T' && CharText.IsAsciiDigit(s[i - 1])))
            {
                split = i;
                break;
            }
        }
        int h = 0, m = 0;
        string datePart = s;
        if (split > 0 && ClockTime.TryParse(s[(split + 1)..], out h, out m))
        {
            datePart = s[..split];
        }
        if (!JapaneseDate.TryParse(datePart, out var date) || h == 24)
        {
            return Normalized.Bad(raw, IssueCode.InvalidDatetime, "not a date-time");
        }
        string v = JapaneseDate.ToIso(date) + "T" + ClockTime.Format(h, m) + ":00";
        return v == raw ? Normalized.Same(raw) : Normalized.Fix(v, IssueCode.DatetimeFormat, "written as ISO 8601 yyyy-MM-ddThh:mm:ss");
    }

    private static readonly string[] IsoForms = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
}
