using System.Globalization;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>
/// Dates as written in Japanese municipal files (西暦 in any common form, 和暦 with kanji/letter/ligature eras,
/// kanji numerals, Excel serial numbers, Excel's m/d/yy CSV artefact) converted to ISO 8601 "yyyy-MM-dd".
/// </summary>
/// <remarks>
/// Decisions: year-month ("2023年4月", "R5.4") becomes ISO "2023-04" with the warning code date-year-month
/// (an already-ISO "2023-04" is left unchanged); a bare year or a fiscal year (令和5年度) in a date field is not a date
/// and stays as it was (Invalid date-year-only / date-fiscal-year); a date-time keeps its date part (warning
/// date-time-dropped); Excel serial numbers are accepted only as five digits from 10000 (1927-05-18) to 73050 (2099-12-31)
/// (a four-digit number is read as a year), so the 1900 leap-year bug (serial 60) never matters and serials count from
/// 1899-12-30; a two-digit year (m/d/yy) follows
/// Excel's cut-off (00–29 → 20xx, 30–99 → 19xx); 明治 dates before 1873 are converted naively (lunisolar originals).
/// </remarks>
public static class JapaneseDate
{
    private const int SerialMin = 10000; // 1927-05-18: the smallest five-digit serial
    private const int SerialMax = 73050; // 2099-12-31
    private static readonly DateOnly SerialEpoch = new(1899, 12, 30);
    private const int MaxLength = 64;

    /// <summary>ISO 8601 calendar date "yyyy-MM-dd".</summary>
    public static string ToIso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses a full date in any accepted form; false for invalid dates, year-month, years and fiscal years.</summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (text.Length == 10 && TryParseIso(text, out date))
        {
            return true;
        }
        var p = Parse(text);
        if (p.Kind != Kind.Date || p.Error is not null)
        {
            return false;
        }
        date = new DateOnly(p.Year, p.Month, p.Day);
        return true;
    }

    /// <summary>Normalizes a date cell to "yyyy-MM-dd" (or "yyyy-MM" for a year-month).</summary>
    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 10 && TryParseIso(raw, out _))
        {
            return Normalized.Same(raw);
        }
        if (raw.Length == 7 && IsIsoYearMonth(raw))
        {
            return Normalized.Same(raw);
        }
        if (raw.Length == 0)
        {
            return Normalized.Same(raw);
        }
        if (CharText.Trim(raw).Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        var p = Parse(raw);
        if (p.Error is not null)
        {
            return Normalized.Bad(raw, p.Error, p.Message ?? "not a date");
        }
        switch (p.Kind)
        {
            case Kind.Date:
                {
                    string iso = ToIso(new DateOnly(p.Year, p.Month, p.Day));
                    if (p.Overflow)
                    {
                        return Normalized.Fix(iso, IssueCode.DateEraOverflow, $"{p.EraName}{p.EraYear}年 is after the end of {p.EraName}; converted to {iso}");
                    }
                    if (p.TimeDropped)
                    {
                        return Normalized.Fix(iso, IssueCode.DateTimeDropped, "time of day dropped from a date field");
                    }
                    if (p.EraName is not null)
                    {
                        return Normalized.Fix(iso, IssueCode.DateWareki, "Japanese era date converted to ISO 8601");
                    }
                    if (p.Serial)
                    {
                        return Normalized.Fix(iso, IssueCode.DateExcelSerial, "Excel serial number converted to a date");
                    }
                    return iso == raw ? Normalized.Same(raw) : Normalized.Fix(iso, IssueCode.DateFormat, "date rewritten as yyyy-MM-dd");
                }
            case Kind.YearMonth:
                {
                    string ym = p.Year.ToString("D4", CultureInfo.InvariantCulture) + "-" + p.Month.ToString("D2", CultureInfo.InvariantCulture);
                    if (p.Overflow)
                    {
                        return Normalized.Fix(ym, IssueCode.DateEraOverflow, $"{p.EraName}{p.EraYear}年 is after the end of {p.EraName}; converted to {ym}");
                    }
                    return Normalized.Fix(ym, IssueCode.DateYearMonth, "year and month only; written as ISO 8601 yyyy-MM");
                }
            case Kind.FiscalYear:
                return Normalized.Bad(raw, IssueCode.DateFiscalYear, $"fiscal year {p.Year} ({p.Year}-04-01/{p.Year + 1}-03-31), not a date");
            case Kind.Year:
                return Normalized.Bad(raw, IssueCode.DateYearOnly, $"year {p.Year} only, not a date");
            default:
                return Normalized.Bad(raw, IssueCode.InvalidDate, "not a date");
        }
    }

    /// <summary>Normalizes a year cell (Frictionless type year) to four digits: "令和5年" → "2023", "2023年" → "2023", "令和5年度" → "2023" (warning).</summary>
    public static Normalized NormalizeYear(string raw)
    {
        if (raw.Length == 4 && CharText.IsAsciiDigit(raw[0]) && CharText.IsAsciiDigit(raw[1]) && CharText.IsAsciiDigit(raw[2]) && CharText.IsAsciiDigit(raw[3]))
        {
            return Normalized.Same(raw);
        }
        if (raw.Length == 0)
        {
            return Normalized.Same(raw);
        }
        if (CharText.Trim(raw).Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        var p = Parse(raw);
        if (p.Error is not null || p.Year < 1000 || p.Year > 9999 || (p.Kind != Kind.Year && p.Kind != Kind.FiscalYear))
        {
            return Normalized.Bad(raw, IssueCode.InvalidYear, p.Message ?? "not a year");
        }
        string y = p.Year.ToString(CultureInfo.InvariantCulture);
        if (p.Overflow)
        {
            return Normalized.Fix(y, IssueCode.DateEraOverflow, $"{p.EraName}{p.EraYear}年 is after the end of {p.EraName}");
        }
        if (p.Kind == Kind.FiscalYear)
        {
            return Normalized.Fix(y, IssueCode.YearFiscal, $"fiscal year written as its starting year {y}");
        }
        return Normalized.Fix(y, p.EraName is null ? IssueCode.YearFormat : IssueCode.YearWareki, "year written as four digits");
    }

    internal static bool TryParseIso(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }
        for (int i = 0; i < 10; i++)
        {
            if (i != 4 && i != 7 && !CharText.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }
        int y = ((s[0] - '0') * 1000) + ((s[1] - '0') * 100) + ((s[2] - '0') * 10) + (s[3] - '0');
        int m = ((s[5] - '0') * 10) + (s[6] - '0');
        int d = ((s[8] - '0') * 10) + (s[9] - '0');
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }
        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool IsIsoYearMonth(ReadOnlySpan<char> s)
    {
        if (s.Length != 7 || s[4] != '-')
        {
            return false;
        }
        for (int i = 0; i < 7; i++)
        {
            if (i != 4 && !CharText.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }
        int m = ((s[5] - '0') * 10) + (s[6] - '0');
        return m is >= 1 and <= 12 && s[..4] is not "0000";
    }

    private enum Kind : byte
    {
        Fail,
        Date,
        YearMonth,
        Year,
        FiscalYear,
    }

    private enum TokKind : byte
    {
        Num,
        Era,
        Sep,
    }

    private struct Tok
    {
        public TokKind Kind;
        public int Value;   // number value or era index
        public int Digits;  // ASCII digit count; 0 for kanji numerals/元
        public char Sep;
    }

    private struct Parsed
    {
        public Kind Kind;
        public int Year, Month, Day;
        public string? EraName;
        public int EraYear;
        public bool Serial, TimeDropped, Overflow;
        public string? Error, Message;
    }

    private static Parsed Fail(string code, string message) => new() { Kind = Kind.Fail, Error = code, Message = message };

    private static Parsed Parse(string raw)
    {
        var s = CharText.Trim(raw);
        if (s.Length > MaxLength)
        {
            return Fail(IssueCode.InvalidDate, "not a date (too long)");
        }
        bool timeDropped = false;

        // A trailing time of day ("2023/4/1 9:00", "2023-04-01T09:00:00", "令和5年4月1日 午前9時").
        for (int i = s.Length - 2; i > 0; i--)
        {
            char c = s[i];
            bool split = CharText.IsSpace(c) || (c == 'T' && CharText.IsAsciiDigit(s[i - 1]) && CharText.IsAsciiDigit(s[i + 1]));
            if (split && LooksLikeTime(CharText.Trim(s[(i + 1)..])))
            {
                s = CharText.Trim(s[..i]);
                timeDropped = true;
                break;
            }
        }

        // A time written straight after 日: "2023年4月1日午前9時", "2023年4月1日9:00".
        if (!timeDropped)
        {
            int day = s.IndexOf('日');
            if (day > 0 && day < s.Length - 1 && s[day + 1] is not ('(' or '（') && LooksLikeTime(s[(day + 1)..]))
            {
                s = s[..(day + 1)];
                timeDropped = true;
            }
        }

        // A trailing weekday: "2023年4月1日(土)", "（土曜日）".
        if (s.Length > 2 && s[^1] is ')' or '）')
        {
            int open = s.LastIndexOfAny('(', '（');
            if (open > 0 && IsWeekday(s[(open + 1)..^1]))
            {
                s = CharText.Trim(s[..open]);
            }
        }

        Span<Tok> toks = stackalloc Tok[8];
        int n = 0;
        var eras = JapaneseEra.All;
        for (int i = 0; i < s.Length;)
        {
            char c = CharText.FoldWidth(s[i]);
            if (CharText.IsSpace(c))
            {
                i++;
                continue;
            }
            if (n == toks.Length)
            {
                return Fail(IssueCode.InvalidDate, "not a date");
            }
            if (CharText.IsAsciiDigit(c))
            {
                int v = 0, d = 0;
                while (i < s.Length && CharText.IsAsciiDigit(c = CharText.FoldWidth(s[i])))
                {
                    if (++d > 9)
                    {
                        return Fail(IssueCode.InvalidDate, "not a date");
                    }
                    v = (v * 10) + (c - '0');
                    i++;
                }
                toks[n++] = new Tok { Kind = TokKind.Num, Value = v, Digits = d };
                continue;
            }
            if (CharText.IsKanjiNumeral(c) && c != '○')
            {
                int start = i;
                while (i < s.Length && CharText.IsKanjiNumeral(s[i]))
                {
                    i++;
                }
                int v = CharText.ParseKanjiNumber(s[start..i]);
                if (v < 0)
                {
                    return Fail(IssueCode.InvalidDate, "malformed kanji numeral");
                }
                toks[n++] = new Tok { Kind = TokKind.Num, Value = v, Digits = 0 };
                continue;
            }
            if (c == '元')
            {
                toks[n++] = new Tok { Kind = TokKind.Num, Value = 1, Digits = 0 };
                i++;
                continue;
            }
            int era = -1, len = 0;
            for (int e = 0; e < eras.Count; e++)
            {
                var er = eras[e];
                if (s[i..].StartsWith(er.Name, StringComparison.Ordinal))
                {
                    era = e;
                    len = 2;
                    break;
                }
                char up = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
                if (c == er.Symbol || c == er.Name[0] || up == er.Letter)
                {
                    era = e;
                    len = 1;
                }
            }
            if (era >= 0)
            {
                if (n != 0)
                {
                    return Fail(IssueCode.InvalidDate, "not a date");
                }
                toks[n++] = new Tok { Kind = TokKind.Era, Value = era };
                i += len;
                continue;
            }
            if (c is '年' or '月' or '日' or '度' or '/' or '.')
            {
                toks[n++] = new Tok { Kind = TokKind.Sep, Sep = c };
                i++;
                continue;
            }
            if (CharText.IsDashLike(c))
            {
                toks[n++] = new Tok { Kind = TokKind.Sep, Sep = '-' };
                i++;
                continue;
            }
            return Fail(IssueCode.InvalidDate, "not a date");
        }
        var t = toks[..n];
        var p = Match(t, eras);
        p.TimeDropped |= timeDropped;
        return p;
    }

    private static bool IsNum(ReadOnlySpan<Tok> t, int i) => i < t.Length && t[i].Kind == TokKind.Num;

    private static bool IsSep(ReadOnlySpan<Tok> t, int i, char c) => i < t.Length && t[i].Kind == TokKind.Sep && t[i].Sep == c;

    private static bool IsPunct(ReadOnlySpan<Tok> t, int i) => i < t.Length && t[i].Kind == TokKind.Sep && t[i].Sep is '/' or '.' or '-';

    private static Parsed Match(ReadOnlySpan<Tok> t, IReadOnlyList<JapaneseEra> eras)
    {
        if (t.Length == 0)
        {
            return Fail(IssueCode.InvalidDate, "not a date");
        }
        JapaneseEra? era = null;
        if (t[0].Kind == TokKind.Era)
        {
            era = eras[t[0].Value];
            t = t[1..];
            if (t.Length > 0 && t[0].Kind == TokKind.Sep && t[0].Sep is '.' or '/' or '-')
            {
                t = t[1..]; // "H.30.3.31"
            }
        }
        if (!IsNum(t, 0))
        {
            return Fail(IssueCode.InvalidDate, "not a date");
        }
        var first = t[0];
        var p = new Parsed();

        // year [年] month [月] day [日]  or  year p month p day
        if (t.Length >= 5 && IsNum(t, 2) && IsNum(t, 4)
            && ((IsSep(t, 1, '年') && IsSep(t, 3, '月') && (t.Length == 5 || (t.Length == 6 && IsSep(t, 5, '日'))))
                || (t.Length == 5 && IsPunct(t, 1) && IsPunct(t, 3) && t[1].Sep == t[3].Sep)))
        {
            int a = first.Value, b = t[2].Value, c = t[4].Value;
            if (era is null && t.Length == 5 && t[1].Sep == '/' && first.Digits is 1 or 2 && t[2].Digits is 1 or 2 && t[4].Digits is 2 or 4)
            {
                // Excel's m/d/yy (or m/d/yyyy) CSV export.
                int y = t[4].Digits == 4 ? c : c < 30 ? 2000 + c : 1900 + c;
                return MakeDate(null, 0, y, a, b);
            }
            if (t[2].Digits > 2 || t[4].Digits > 2)
            {
                return Fail(IssueCode.InvalidDate, "not a date");
            }
            if (era is not null)
            {
                return first.Digits > 2 ? Fail(IssueCode.InvalidDate, "era year too long") : MakeDate(era, a, era.Offset + a, b, c);
            }
            return IsWesternYear(first) ? MakeDate(null, 0, a, b, c) : Fail(IssueCode.InvalidDate, "not a date");
        }

        // Excel serial number, optionally with a time fraction: 45017, 45017.375
        if (era is null && first.Digits == 5 && (t.Length == 1 || (t.Length == 3 && IsSep(t, 1, '.') && t[2].Digits > 0)))
        {
            if (first.Value < SerialMin || first.Value > SerialMax)
            {
                return Fail(IssueCode.InvalidDate, "number outside the plausible Excel date serial range (1927–2099)");
            }
            var d = SerialEpoch.AddDays(first.Value);
            return new Parsed
            {
                Kind = Kind.Date,
                Year = d.Year,
                Month = d.Month,
                Day = d.Day,
                Serial = true,
                TimeDropped = t.Length == 3 && t[2].Value != 0,
            };
        }
        // year [年] month [月]  or  year p month
        if ((t.Length is 4 && IsSep(t, 1, '年') && IsNum(t, 2) && IsSep(t, 3, '月'))
            || (t.Length == 3 && IsPunct(t, 1) && IsNum(t, 2)))
        {
            if (t[2].Digits > 2)
            {
                return Fail(IssueCode.InvalidDate, "not a date");
            }
            if (era is not null)
            {
                return first.Digits > 2 ? Fail(IssueCode.InvalidDate, "era year too long") : MakeYearMonth(era, first.Value, t[2].Value);
            }
            return IsWesternYear(first) ? MakeYearMonth(null, first.Value, t[2].Value) : Fail(IssueCode.InvalidDate, "not a date");
        }

        // fiscal year: 令和5年度, 2023年度
        if (t.Length == 3 && IsSep(t, 1, '年') && IsSep(t, 2, '度'))
        {
            p = MakeYear(era, first);
            if (p.Error is null)
            {
                p.Kind = Kind.FiscalYear;
            }
            return p;
        }

        // year only: 令和5年, R5, 2023年
        if ((t.Length == 2 && IsSep(t, 1, '年')) || (t.Length == 1 && (era is not null || first.Digits == 4)))
        {
            return MakeYear(era, first);
        }

        if (era is null && t.Length == 1 && first.Digits == 8)
        {
            int v = first.Value;
            return MakeDate(null, 0, v / 10000, v / 100 % 100, v % 100);
        }

        return Fail(IssueCode.InvalidDate, "not a date");
    }

    private static bool IsWesternYear(Tok t) => t.Digits == 4 || (t.Digits == 0 && t.Value >= 1000);

    private static Parsed MakeYear(JapaneseEra? era, Tok first)
    {
        if (era is null)
        {
            return IsWesternYear(first) && first.Value <= 9999 ? new Parsed { Kind = Kind.Year, Year = first.Value } : Fail(IssueCode.InvalidDate, "not a year");
        }
        if (first.Value == 0 || first.Digits > 2)
        {
            return Fail(IssueCode.InvalidDate, $"{era.Name}{first.Value}年 does not exist");
        }
        int y = era.Offset + first.Value;
        if (y < era.EarliestDay.Year)
        {
            return Fail(IssueCode.DateBeforeEra, $"{era.Name}{first.Value}年 is before the start of {era.Name}");
        }
        return new Parsed { Kind = Kind.Year, Year = y, EraName = era.Name, EraYear = first.Value, Overflow = era.End is { } end && y > end.Year };
    }

    private static Parsed MakeYearMonth(JapaneseEra? era, int a, int month)
    {
        if (month is < 1 or > 12)
        {
            return Fail(IssueCode.InvalidDate, "month out of range");
        }
        if (era is null)
        {
            return new Parsed { Kind = Kind.YearMonth, Year = a, Month = month };
        }
        if (a == 0)
        {
            return Fail(IssueCode.InvalidDate, $"{era.Name}0年 does not exist");
        }
        int y = era.Offset + a;
        var firstDay = new DateOnly(y, month, 1);
        var lastDay = firstDay.AddMonths(1).AddDays(-1);
        if (lastDay < era.EarliestDay)
        {
            return Fail(IssueCode.DateBeforeEra, $"{era.Name}{a}年{month}月 is before the start of {era.Name}");
        }
        return new Parsed { Kind = Kind.YearMonth, Year = y, Month = month, EraName = era.Name, EraYear = a, Overflow = era.End is { } end && firstDay > end };
    }

    private static Parsed MakeDate(JapaneseEra? era, int eraYear, int y, int m, int d)
    {
        if (era is not null && eraYear == 0)
        {
            return Fail(IssueCode.InvalidDate, $"{era.Name}0年 does not exist");
        }
        if (y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return Fail(IssueCode.InvalidDate, "no such day");
        }
        var date = new DateOnly(y, m, d);
        var p = new Parsed { Kind = Kind.Date, Year = y, Month = m, Day = d };
        if (era is not null)
        {
            if (date < era.EarliestDay)
            {
                return Fail(IssueCode.DateBeforeEra, $"{era.Name}{eraYear}年{m}月{d}日 is before the start of {era.Name} ({ToIso(era.Start)})");
            }
            p.EraName = era.Name;
            p.EraYear = eraYear;
            p.Overflow = era.End is { } end && date > end;
        }
        return p;
    }

    private static bool LooksLikeTime(ReadOnlySpan<char> s)
    {
        if (s.Length == 0)
        {
            return false;
        }
        bool marker = false, digit = false;
        foreach (char ch in s)
        {
            char c = CharText.FoldWidth(ch);
            if (CharText.IsAsciiDigit(c) || CharText.IsKanjiNumeral(c))
            {
                digit = true;
            }
            else if (c is ':' or '時')
            {
                marker = true;
            }
            else if (!(c is '.' or '分' or '秒' or '半' or '午' or '前' or '後' or '+' or '-' or 'Z' or 'A' or 'P' or 'M' or 'a' or 'p' or 'm' or ' '))
            {
                return false;
            }
        }
        return marker && digit;
    }

    private static bool IsWeekday(ReadOnlySpan<char> s)
    {
        if (s.Length == 0)
        {
            return false;
        }
        if (s.Length <= 3 && "日月火水木金土祝".Contains(s[0]) && (s.Length == 1 || s[1..] is "曜" or "曜日"))
        {
            return true;
        }
        return s.Length == 3 && (s.Equals("Sun", StringComparison.OrdinalIgnoreCase) || s.Equals("Mon", StringComparison.OrdinalIgnoreCase)
            || s.Equals("Tue", StringComparison.OrdinalIgnoreCase) || s.Equals("Wed", StringComparison.OrdinalIgnoreCase)
            || s.Equals("Thu", StringComparison.OrdinalIgnoreCase) || s.Equals("Fri", StringComparison.OrdinalIgnoreCase)
            || s.Equals("Sat", StringComparison.OrdinalIgnoreCase));
    }
}
