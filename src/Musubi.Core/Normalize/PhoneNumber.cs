using System.Text;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>
/// Japanese telephone numbers written "03-1234-5678": full-width digits, every dash variant, "(03)1234-5678",
/// "03(1234)5678", "TEL:" prefixes, spaces and +81 are normalized.
/// </summary>
/// <remarks>
/// Decisions: hyphens are inserted into digits-only numbers only where the grouping is fixed by the numbering plan
/// (03/06 → 2-4-4, 050/070/080/090/020/060 → 3-4-4, 0120/0570/0990 → 4-3-3, 0800 → 4-3-4); other digits-only fixed-line
/// numbers are kept as digits because area-code lengths vary. A number must start with 0 and have 10 digits
/// (11 for 020/050/060/070/080/090/0800). Several numbers in one cell (separated by ; 、 , / or new lines) are
/// each normalized and joined with ";" (warning phone-multiple); a cell that is already joined that way is unchanged.
/// Nine or ten digits without a leading zero are a spreadsheet artefact: the zero is restored (warning phone-leading-zero). Extensions (内線) and anything else stay as they were (invalid-phone).
/// </remarks>
public static class PhoneNumber
{
    /// <summary>True for a valid number written as three hyphen-separated ASCII digit groups.</summary>
    public static bool IsCanonical(ReadOnlySpan<char> s)
    {
        if (s.Length < 12 || s.Length > 13 || s[0] != '0' || s[1] == '0')
        {
            return false;
        }
        int hyphens = 0, digits = 0;
        char prev = '-';
        foreach (char c in s)
        {
            if (c == '-')
            {
                if (prev == '-')
                {
                    return false;
                }
                hyphens++;
            }
            else if (CharText.IsAsciiDigit(c))
            {
                digits++;
            }
            else
            {
                return false;
            }
            prev = c;
        }
        return hyphens == 2 && prev != '-' && DigitsOk(s, digits);
    }

    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0 || IsCanonical(raw))
        {
            return Normalized.Same(raw);
        }
        if (TypedCell.Settled(raw, 200, IssueCode.InvalidPhone, "not a telephone number", out var t, out var settled))
        {
            return settled;
        }

        // Several numbers in one cell.
        int parts = 1;
        foreach (char c in t)
        {
            if (IsListSeparator(c))
            {
                parts++;
            }
        }
        if (parts > 1)
        {
            var sb = new StringBuilder(t.Length);
            int count = 0;
            int start = 0;
            for (int i = 0; i <= t.Length; i++)
            {
                if (i < t.Length && !IsListSeparator(t[i]))
                {
                    continue;
                }
                var part = CharText.Trim(t[start..i]);
                start = i + 1;
                if (part.Length == 0)
                {
                    continue;
                }
                string? one = NormalizeOne(part);
                if (one is null)
                {
                    return Normalized.Bad(raw, IssueCode.InvalidPhone, "not a telephone number");
                }
                if (count++ > 0)
                {
                    sb.Append(';');
                }
                sb.Append(one);
            }
            string joined = sb.ToString();
            if (count == 1)
            {
                return joined == raw ? Normalized.Same(raw) : Normalized.Fix(joined, IssueCode.PhoneFormat, "telephone number rewritten as 0X-XXXX-XXXX");
            }
            return joined == raw ? Normalized.Same(raw) : Normalized.Fix(joined, IssueCode.PhoneMultiple, "several telephone numbers in one cell; joined with ;");
        }

        string? v = NormalizeOne(t);
        if (v is null)
        {
            // A spreadsheet number that lost its leading zero: "767742051" → 0767742051, "9012345678" → 090-1234-5678.
            string d = CharText.Compact(t);
            if (d.Length is 9 or 10 && d[0] != '0' && CharText.AllAsciiDigits(d) && NormalizeOne("0" + d) is { } zero)
            {
                return Normalized.Fix(zero, IssueCode.PhoneLeadingZero, "leading zero restored (the number was stored as a number)");
            }
            return Normalized.Bad(raw, IssueCode.InvalidPhone, "not a telephone number");
        }
        return v == raw ? Normalized.Same(raw) : Normalized.Fix(v, IssueCode.PhoneFormat, "telephone number rewritten as 0X-XXXX-XXXX");
    }

    private static bool IsListSeparator(char c) => c is ';' or '；' or '、' or ',' or '，' or '/' or '／' or '\n' or '\r';

    private static bool DigitsOk(ReadOnlySpan<char> s, int digits)
    {
        if (digits == 10)
        {
            return true;
        }
        if (digits != 11)
        {
            return false;
        }
        Span<char> p = stackalloc char[4];
        int n = 0;
        foreach (char c in s)
        {
            if (CharText.IsAsciiDigit(c))
            {
                p[n++] = c;
                if (n == 4)
                {
                    break;
                }
            }
        }
        return p[..3] is "020" or "050" or "060" or "070" or "080" or "090" || p is "0800";
    }

    private static string? NormalizeOne(ReadOnlySpan<char> t)
    {
        string f = CharText.TrimFold(t.ToString());
        ReadOnlySpan<char> s = f;
        foreach (var prefix in Prefixes)
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..];
                break;
            }
        }
        while (s.Length > 0 && (s[0] is ':' or '.' || CharText.IsSpace(s[0])))
        {
            s = s[1..];
        }
        Span<char> buf = stackalloc char[s.Length + 2];
        int n = 0;
        bool international = false;
        if (s.StartsWith("+81"))
        {
            international = true;
            s = s[3..];
            buf[n++] = '0';
        }
        bool sepPending = false;
        foreach (char c in s)
        {
            if (CharText.IsAsciiDigit(c))
            {
                if (international && n == 1)
                {
                    sepPending = false;
                    if (c == '0')
                    {
                        continue; // +81 (0)3 …
                    }
                }
                if (sepPending && n > 0 && buf[n - 1] != '-')
                {
                    buf[n++] = '-';
                }
                sepPending = false;
                buf[n++] = c;
            }
            else if (CharText.IsDashLike(c) || CharText.IsSpace(c) || c is '(' or ')' or '.')
            {
                sepPending = true;
            }
            else
            {
                return null;
            }
        }
        var v = buf[..n];
        int digits = 0, groups = 1;
        foreach (char c in v)
        {
            if (c == '-')
            {
                groups++;
            }
            else
            {
                digits++;
            }
        }
        if (v.Length == 0 || v[0] != '0' || (v.Length > 1 && v[1] == '0') || !DigitsOk(v, digits))
        {
            return null;
        }
        if (groups == 1)
        {
            return Hyphenate(v) ?? new string(v);
        }
        return new string(v);
    }

    private static readonly string[] Prefixes = ["電話番号", "電話", "TEL", "Tel.", "Phone", "☎", "℡"];

    /// <summary>Hyphenates a digits-only number where the grouping is fixed; null when it is not known.</summary>
    private static string? Hyphenate(ReadOnlySpan<char> d)
    {
        int a, b;
        if (d.Length == 10 && d[..2] is "03" or "06")
        {
            (a, b) = (2, 4);
        }
        else if (d.Length == 11 && d[..4] is "0800")
        {
            (a, b) = (4, 3);
        }
        else if (d.Length == 11 && d[..3] is "020" or "050" or "060" or "070" or "080" or "090")
        {
            (a, b) = (3, 4);
        }
        else if (d.Length == 10 && d[..4] is "0120" or "0570" or "0990")
        {
            (a, b) = (4, 3);
        }
        else
        {
            return null;
        }
        return string.Concat(d[..a], "-", d.Slice(a, b), "-" + d[(a + b)..].ToString());
    }
}
