using System.Runtime.CompilerServices;

namespace Musubi.Chars;

/// <summary>Small allocation-free character helpers shared by the normalizers.</summary>
internal static class CharText
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAsciiDigit(char c) => (uint)(c - '0') <= 9;

    /// <summary>ASCII digit or full-width digit (０-９).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAnyDigit(char c) => (uint)(c - '0') <= 9 || (uint)(c - '０') <= 9;

    /// <summary>True when every character is an ASCII digit (and there is at least one). A plain loop: the generic
    /// span search helpers allocate in unoptimized builds.</summary>
    public static bool AllAsciiDigits(ReadOnlySpan<char> s)
    {
        if (s.Length == 0)
        {
            return false;
        }
        foreach (char c in s)
        {
            if ((uint)(c - '0') > 9)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>White space including the ideographic space U+3000 and no-break spaces.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(char c) => c == ' ' || c == '\u3000' || (c < 128 ? c is '\t' or '\n' or '\r' or '\v' or '\f' : char.IsWhiteSpace(c));

    /// <summary>Full-width ASCII (U+FF01–FF5E) to ASCII and U+3000 to a space; everything else unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char FoldWidth(char c) =>
        c >= '\uFF01' && c <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;

    /// <summary>Hyphen, dash and minus look-alikes written in Japanese files (including the long-vowel mark).</summary>
    public static bool IsDashLike(char c) => c switch
    {
        '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2043' or '\u2212'
            or '\u30FC' or '\uFF70' or '\uFF0D' or '\uFE63' or '\u2500' => true,
        _ => false,
    };

    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }
        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }
        return s[start..end];
    }

    public static bool HasOuterSpace(string s) => s.Length > 0 && (IsSpace(s[0]) || IsSpace(s[^1]));

    /// <summary>Trim, fold full-width ASCII to ASCII and drop every space inside. Allocates.</summary>
    public static string Compact(ReadOnlySpan<char> s)
    {
        var t = Trim(s);
        if (t.Length == 0)
        {
            return "";
        }
        Span<char> buf = t.Length <= 256 ? stackalloc char[t.Length] : new char[t.Length];
        int n = 0;
        foreach (char ch in t)
        {
            char c = FoldWidth(ch);
            if (!IsSpace(c))
            {
                buf[n++] = c;
            }
        }
        return new string(buf[..n]);
    }

    /// <summary>Trim and fold full-width ASCII to ASCII (inner spaces kept, U+3000 becomes a space). Allocates only when needed.</summary>
    public static string TrimFold(string s)
    {
        var t = Trim(s);
        bool needs = t.Length != s.Length;
        if (!needs)
        {
            foreach (char c in t)
            {
                if (c >= '\u3000' && (c == '\u3000' || (c >= '\uFF01' && c <= '\uFF5E')))
                {
                    needs = true;
                    break;
                }
            }
        }
        if (!needs)
        {
            return s;
        }
        return string.Create(t.Length, t.ToString(), static (span, src) =>
        {
            for (int i = 0; i < src.Length; i++)
            {
                span[i] = FoldWidth(src[i]);
            }
        });
    }

    /// <summary>A cell holding only a dash-like placeholder ("-", "－", "―", "ー" …) meaning "no value".</summary>
    public static bool IsDashPlaceholder(string raw)
    {
        var t = Trim(raw);
        if (t.Length == 0 || t.Length > 3)
        {
            return false;
        }
        foreach (char c in t)
        {
            if (!IsDashLike(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Value of a kanji numeral digit (〇/零/○ = 0 … 九 = 9), or -1: the rule for dates and numbers, where ○ stands for zero
    /// (二○二三). Addresses use <see cref="JapaneseText.KanjiDigit"/>, which reads 大字 (壱, 弐, 参) but not ○.
    /// </summary>
    public static int KanjiDigit(char c) => c switch
    {
        '〇' or '零' or '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    public static bool IsKanjiNumeral(char c) => KanjiDigit(c) >= 0 || c is '十' or '百' or '千';

    /// <summary>
    /// Parses a run of kanji numerals: positional ("二〇二三" = 2023) or with 十/百/千 ("三十一" = 31, "十" = 10).
    /// Returns -1 when the run is malformed.
    /// </summary>
    public static int ParseKanjiNumber(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s.Length > 9)
        {
            return -1;
        }
        int total = 0, current = 0;
        bool anyDigit = false;
        foreach (char c in s)
        {
            int d = KanjiDigit(c);
            if (d >= 0)
            {
                current = (current * 10) + d;
                anyDigit = true;
                continue;
            }
            int mult = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (mult == 0)
            {
                return -1;
            }
            total += (current == 0 && !anyDigit ? 1 : current) * mult;
            current = 0;
            anyDigit = false;
        }
        return total + current;
    }
}
