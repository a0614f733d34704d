using System.Globalization;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>
/// Integer and number cells: full-width digits, thousands separators ("50,700"), surrounding spaces, units ("50人",
/// "1,200円", "30m"), ▲/△ negatives and approximations ("約50") are normalized to a plain invariant number.
/// </summary>
/// <remarks>
/// Decisions: a unit is any trailing (or leading ¥/￥) non-numeric text and is removed (number-unit-removed); qualifiers that
/// change the meaning (約, 以上, 以下, 未満, 程度, 超, 前後, 余, ほど, くらい) are removed with the warning number-approximate;
/// a note in brackets after the number ("12(予定)") is moved out of the value and kept in the message (number-note);
/// a decimal in an integer field is invalid unless its fraction is zero ("12.0" → "12"); thousands separators must be
/// well-formed (groups of three) or the cell is invalid; "-" alone is a missing value, handled by the dispatcher.
/// </remarks>
public static class NumberText
{
    public static Normalized NormalizeInteger(string raw) => Normalize(raw, integer: true);

    public static Normalized NormalizeNumber(string raw) => Normalize(raw, integer: false);

    /// <summary>Plain ASCII number: optional '-', digits, and (for numbers) one '.' followed by digits.</summary>
    public static bool IsCanonical(ReadOnlySpan<char> s, bool integer)
    {
        int i = 0;
        if (s.Length > 0 && s[0] == '-')
        {
            i = 1;
        }
        int start = i;
        while (i < s.Length && CharText.IsAsciiDigit(s[i]))
        {
            i++;
        }
        if (i == start)
        {
            return false;
        }
        if (i == s.Length)
        {
            return true;
        }
        if (integer || s[i] != '.')
        {
            return false;
        }
        int f = ++i;
        while (i < s.Length && CharText.IsAsciiDigit(s[i]))
        {
            i++;
        }
        return i == s.Length && i > f;
    }

    private static readonly string[] Qualifiers = ["くらい", "ぐらい", "以上", "以下", "未満", "程度", "前後", "ほど", "超", "余", "位", "強", "弱"];

    private static Normalized Normalize(string raw, bool integer)
    {
        if (raw.Length == 0 || (raw.Length <= 30 && IsCanonical(raw, integer)))
        {
            return Normalized.Same(raw);
        }
        var t0 = CharText.Trim(raw);
        if (t0.Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        if (t0.Length > 60)
        {
            return Normalized.Bad(raw, IssueCode.InvalidNumber, "not a number");
        }
        ReadOnlySpan<char> s = CharText.Compact(t0);
        bool approx = false, unit = false, negative = false;

        if (s.StartsWith("約") || s.StartsWith("およそ") || s.StartsWith("概ね") || s.StartsWith("ca."))
        {
            approx = true;
            s = s[(s[0] == '約' ? 1 : s[0] == 'お' ? 3 : s[0] == '概' ? 2 : 3)..];
        }
        if (s.Length > 0 && s[0] is '▲' or '△' or '−' or '－' or '‐' or '-')
        {
            negative = true;
            s = s[1..];
        }
        if (s.Length > 0 && s[0] is '¥' or '￥' or '\\' or '$')
        {
            unit = true;
            s = s[1..];
        }

        // digits, commas and one decimal point
        int i = 0, commaAt = -1, dot = -1, digitsSinceComma = 0;
        bool commaBad = false;
        int intDigits = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (CharText.IsAsciiDigit(c))
            {
                if (dot < 0)
                {
                    intDigits++;
                }
                digitsSinceComma++;
            }
            else if ((c == ',' || c == '、') && dot < 0 && intDigits > 0)
            {
                if (commaAt >= 0 ? digitsSinceComma != 3 : intDigits > 3)
                {
                    commaBad = true;
                }
                commaAt = i;
                digitsSinceComma = 0;
            }
            else if (c == '.' && dot < 0 && intDigits > 0)
            {
                if (commaAt >= 0 && digitsSinceComma != 3)
                {
                    commaBad = true;
                }
                dot = i;
            }
            else
            {
                break;
            }
            i++;
        }
        if (commaAt >= 0 && dot < 0 && digitsSinceComma != 3)
        {
            commaBad = true;
        }
        var num = s[..i];
        var rest = s[i..];
        if (intDigits == 0 || commaBad || (num.Length > 0 && num[^1] is '.' or ','))
        {
            return Normalized.Bad(raw, IssueCode.InvalidNumber, "not a number");
        }
        // A note in brackets after the number (and its unit) is not part of the value: "3（うち1台は休止中）", "12(予定)".
        string? note = null;
        if (rest.Length > 2 && rest[^1] is ')' or '）' && rest.IndexOfAny('(', '（') is var open and >= 0)
        {
            note = rest[(open + 1)..^1].ToString();
            rest = rest[..open];
        }
        if (rest.Length > 0)
        {
            foreach (var q in Qualifiers)
            {
                if (rest.EndsWith(q))
                {
                    approx = true;
                    rest = rest[..^q.Length];
                    break;
                }
            }
            if (rest.Length > 0)
            {
                if (!IsUnit(rest))
                {
                    return Normalized.Bad(raw, IssueCode.InvalidNumber, "not a number");
                }
                unit = true;
            }
        }

        Span<char> buf = stackalloc char[num.Length + 1];
        int n = 0;
        if (negative)
        {
            buf[n++] = '-';
        }
        foreach (char c in num)
        {
            if (c != ',' && c != '、')
            {
                buf[n++] = c;
            }
        }
        var v = buf[..n];
        if (integer && dot >= 0)
        {
            int d = v.IndexOf('.');
            if (v[(d + 1)..].IndexOfAnyExcept('0') >= 0)
            {
                return Normalized.Bad(raw, IssueCode.InvalidNumber, "decimal value in an integer field");
            }
            v = v[..d];
        }
        if (v is "-0" || (v.Length > 2 && v[0] == '-' && v[1..].IndexOfAnyExcept('0', '.') < 0))
        {
            v = v[1..];
        }
        string value = new(v);
        if (note is not null)
        {
            return Normalized.Fix(value, IssueCode.NumberNote, $"the note \"{note}\" is not part of the number; moved out of the value");
        }
        if (approx)
        {
            return Normalized.Fix(value, IssueCode.NumberApproximate, "approximate value; qualifier removed");
        }
        if (unit)
        {
            return Normalized.Fix(value, IssueCode.NumberUnitRemoved, "unit removed; state the unit in the column definition");
        }
        return value == raw ? Normalized.Same(raw) : Normalized.Fix(value, IssueCode.NumberFormat, "written as a plain number");
    }

    /// <summary>A unit: letters, kana, kanji or a few symbols, with no digits.</summary>
    private static bool IsUnit(ReadOnlySpan<char> s)
    {
        if (s.Length > 8)
        {
            return false;
        }
        foreach (char c in s)
        {
            if (CharText.IsAsciiDigit(c) || c is ',' or '.' or '-' or '~' or '～' or '〜' or '/' or '(' or ')' or ';' or ':')
            {
                return false;
            }
            if (!(char.IsLetter(c) || c is '%' or '㎡' or '㎞' or '㎝' or '㎜' or '㎏' or '℃' or '²' or '³' or '°' or '％' or '￥' or '¥'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Parses a normalized number value (invariant culture).</summary>
    public static bool TryParse(string s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
