using System.Globalization;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>
/// Time of day as written in municipal files ("9:00", "09:00:00", "9時30分", "午後5時半", "0900", "９：００")
/// normalized to "hh:mm" (the standard's 時刻 form).
/// </summary>
/// <remarks>
/// Decisions: seconds are dropped (code time-seconds-dropped); "24:00" is kept (end of business day) but nothing
/// later (25:00 is invalid); 午前12時 is midnight 00:00 and 午後12時 is noon 12:00; an Excel time fraction
/// (0 ≤ x &lt; 1, e.g. "0.375") becomes the time it encodes; three-digit "900" and "9.30" are rejected as ambiguous.
/// </remarks>
public static class ClockTime
{
    /// <summary>True when <paramref name="s"/> is already "hh:mm" with 00 ≤ hh ≤ 23 (or 24:00) and 00 ≤ mm ≤ 59.</summary>
    public static bool IsCanonical(ReadOnlySpan<char> s)
    {
        if (s.Length != 5 || s[2] != ':' || !CharText.IsAsciiDigit(s[0]) || !CharText.IsAsciiDigit(s[1]) || !CharText.IsAsciiDigit(s[3]) || !CharText.IsAsciiDigit(s[4]))
        {
            return false;
        }
        int h = ((s[0] - '0') * 10) + (s[1] - '0');
        int m = ((s[3] - '0') * 10) + (s[4] - '0');
        return m <= 59 && (h <= 23 || (h == 24 && m == 0));
    }

    /// <summary>Parses a time of day in any accepted form into hour (0–24) and minute.</summary>
    public static bool TryParse(string? text, out int hour, out int minute) => TryParse(text, out hour, out minute, out _);

    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0 || IsCanonical(raw))
        {
            return Normalized.Same(raw);
        }
        if (CharText.Trim(raw).Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        if (!TryParse(raw, out int h, out int m, out bool seconds))
        {
            return Normalized.Bad(raw, IssueCode.InvalidTime, "not a time of day (hh:mm)");
        }
        string v = Format(h, m);
        return seconds
            ? Normalized.Fix(v, IssueCode.TimeSecondsDropped, "seconds dropped (hh:mm)")
            : Normalized.Fix(v, IssueCode.TimeFormat, "time rewritten as hh:mm");
    }

    /// <summary>
    /// A time cell as a workbook reader shows it (the serial as an OLE date): "1899-12-30" alone is 0, midnight;
    /// "1899-12-30 09:30:00" is 09:30; a serial just below 1 that the reader rounded to whole seconds shows the next day
    /// ("1899-12-31", or "1900-01-01" after a 1900 leap-year shift): the last minute of the day, never a date. A
    /// date-time of a real day ("2024-04-01 09:30") gives its time: the date belongs to the date field.
    /// </summary>
    private static bool TryExcelEpoch(string s, out int hour, out int minute, out bool seconds)
    {
        hour = minute = 0;
        seconds = false;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-' || !CharText.AllAsciiDigits(s.AsSpan(0, 4)) || !CharText.AllAsciiDigits(s.AsSpan(5, 2))
            || !CharText.AllAsciiDigits(s.AsSpan(8, 2)))
        {
            return false;
        }
        var date = s.AsSpan(0, 10);
        if (s.Length == 10)
        {
            // Serial 0 (midnight) as an OLE date (1899-12-30) or as Excel counts days before 1900-03-01 (1899-12-31, what
            // ExcelDataReader gives for .xls).
            if (date is "1899-12-30" or "1899-12-31")
            {
                return true;
            }
            // A serial just below 1 rounded to whole seconds by the .xls reader shows the next day: the last minute.
            if (date is "1900-01-01")
            {
                hour = 23;
                minute = 59;
                return true;
            }
            return false;
        }
        // The text was compacted (spaces dropped): "1899-12-3009:30:00", or with a T.
        var time = s[10] == 'T' ? s[11..] : s[10..];
        return time.Contains(':', StringComparison.Ordinal) && TryParse(time, out hour, out minute, out seconds) && hour < 24;
    }

    internal static string Format(int h, int m) => string.Create(5, (h, m), static (span, v) =>
    {
        span[0] = (char)('0' + (v.h / 10));
        span[1] = (char)('0' + (v.h % 10));
        span[2] = ':';
        span[3] = (char)('0' + (v.m / 10));
        span[4] = (char)('0' + (v.m % 10));
    });

    private static bool TryParse(string? text, out int hour, out int minute, out bool seconds)
    {
        hour = minute = 0;
        seconds = false;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }
        string s = CharText.Compact(text);
        int ampm = 0; // 1 am, 2 pm
        if (s.StartsWith("午前", StringComparison.Ordinal))
        {
            ampm = 1;
            s = s[2..];
        }
        else if (s.StartsWith("午後", StringComparison.Ordinal))
        {
            ampm = 2;
            s = s[2..];
        }
        else if (TryStripMeridiem(ref s, out int mer))
        {
            ampm = mer;
        }

        // Excel time fraction: 0 is midnight; a fraction that rounds up to 24:00 (0.999999) is the last minute of the
        // day, never the next day.
        if (ampm == 0 && (s == "0" || (s.Length > 2 && s[0] == '0' && s[1] == '.' && CharText.AllAsciiDigits(s.AsSpan(2))))
            && double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double frac))
        {
            int total = Math.Min((int)Math.Round(frac * 24 * 60, MidpointRounding.AwayFromZero), (24 * 60) - 1);
            hour = total / 60;
            minute = total % 60;
            return true;
        }
        if (ampm == 0 && TryExcelEpoch(s, out hour, out minute, out seconds))
        {
            return true;
        }

        int i = 0;
        int h = ReadNumber(s, ref i);
        if (h < 0)
        {
            return false;
        }
        int hLen = i;
        int m = 0, sec = 0;
        if (i == s.Length)
        {
            // "0900" / "900" without a separator
            if (i != 4 || ampm != 0)
            {
                return false;
            }
            m = h % 100;
            h /= 100;
        }
        else if (s[i] == ':')
        {
            if (hLen > 2)
            {
                return false;
            }
            i++;
            int mStart = i;
            m = ReadNumber(s, ref i);
            if (m < 0 || i - mStart != 2)
            {
                return false;
            }
            if (i < s.Length && s[i] == ':')
            {
                i++;
                int sStart = i;
                sec = ReadNumber(s, ref i);
                if (sec < 0 || i - sStart != 2 || sec > 59)
                {
                    return false;
                }
                seconds = true;
                if (i < s.Length && s[i] == '.')
                {
                    i++;
                    if (ReadNumber(s, ref i) < 0)
                    {
                        return false;
                    }
                }
            }
            if (i != s.Length)
            {
                return false;
            }
        }
        else if (s[i] == '時')
        {
            i++;
            if (i < s.Length && s[i] == '半')
            {
                m = 30;
                i++;
            }
            else if (i < s.Length)
            {
                m = ReadNumber(s, ref i);
                if (m < 0 || i >= s.Length || s[i] != '分')
                {
                    return false;
                }
                i++;
                if (i < s.Length)
                {
                    sec = ReadNumber(s, ref i);
                    if (sec < 0 || sec > 59 || i >= s.Length || s[i] != '秒')
                    {
                        return false;
                    }
                    i++;
                    seconds = true;
                }
            }
            if (i != s.Length)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (ampm != 0)
        {
            if (h > 12)
            {
                return false;
            }
            if (ampm == 2 && h < 12)
            {
                h += 12;
            }
            else if (ampm == 1 && h == 12)
            {
                h = 0;
            }
        }
        if (m > 59 || h > 24 || (h == 24 && (m != 0 || sec != 0)))
        {
            return false;
        }
        hour = h;
        minute = m;
        return true;
    }

    private static bool TryStripMeridiem(ref string s, out int ampm)
    {
        ampm = 0;
        ReadOnlySpan<string> ams = ["a.m.", "am"];
        ReadOnlySpan<string> pms = ["p.m.", "pm"];
        foreach (var a in ams)
        {
            if (s.StartsWith(a, StringComparison.OrdinalIgnoreCase))
            {
                ampm = 1;
                s = s[a.Length..];
                return true;
            }
            if (s.EndsWith(a, StringComparison.OrdinalIgnoreCase))
            {
                ampm = 1;
                s = s[..^a.Length];
                return true;
            }
        }
        foreach (var p in pms)
        {
            if (s.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            {
                ampm = 2;
                s = s[p.Length..];
                return true;
            }
            if (s.EndsWith(p, StringComparison.OrdinalIgnoreCase))
            {
                ampm = 2;
                s = s[..^p.Length];
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads 1–4 ASCII digits or a kanji numeral run; -1 if none.</summary>
    private static int ReadNumber(string s, ref int i)
    {
        int start = i;
        if (i < s.Length && CharText.IsAsciiDigit(s[i]))
        {
            int v = 0;
            while (i < s.Length && CharText.IsAsciiDigit(s[i]))
            {
                if (i - start >= 4)
                {
                    return -1;
                }
                v = (v * 10) + (s[i] - '0');
                i++;
            }
            return v;
        }
        while (i < s.Length && CharText.IsKanjiNumeral(s[i]) && s[i] != '○')
        {
            i++;
        }
        return i == start ? -1 : CharText.ParseKanjiNumber(s.AsSpan(start, i - start));
    }
}
