using System.Text;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>
/// Multi-valued cells (format list): the standard separator is the half-width semicolon ";" (standard-datasets §2.6).
/// "、" "，" "," "／" "/" "；" and line breaks become ";" and items are trimmed; empty items are dropped.
/// "・" is NOT a separator (it is common inside names such as 「認定こども園・保育所」).
/// </summary>
public static class ListText
{
    private static bool IsSeparator(char c) => c is ';' or '；' or '、' or '，' or ',' or '/' or '／' or '\n' or '\r' or '\u2028' or '\u2029';

    /// <summary>Already ";"-separated with trimmed, non-empty items.</summary>
    public static bool IsCanonical(ReadOnlySpan<char> s)
    {
        bool atItemStart = true;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == ';')
            {
                if (atItemStart || CharText.IsSpace(s[i - 1]))
                {
                    return false;
                }
                atItemStart = true;
                continue;
            }
            if (IsSeparator(c) || (atItemStart && CharText.IsSpace(c)))
            {
                return false;
            }
            atItemStart = false;
        }
        return s.Length == 0 || (!atItemStart && !CharText.IsSpace(s[^1]));
    }

    public static Normalized Normalize(string raw)
    {
        if (IsCanonical(raw))
        {
            return Normalized.Same(raw);
        }
        var sb = new StringBuilder(raw.Length);
        bool separatorChanged = false;
        int start = 0;
        for (int i = 0; i <= raw.Length; i++)
        {
            if (i < raw.Length && !IsSeparator(raw[i]))
            {
                continue;
            }
            if (i < raw.Length && raw[i] != ';')
            {
                separatorChanged = true;
            }
            var item = CharText.Trim(raw.AsSpan(start, i - start));
            start = i + 1;
            if (item.Length == 0)
            {
                continue;
            }
            if (sb.Length > 0)
            {
                sb.Append(';');
            }
            sb.Append(item);
        }
        string v = sb.ToString();
        if (v == raw)
        {
            return Normalized.Same(raw);
        }
        return separatorChanged
            ? Normalized.Fix(v, IssueCode.ListSeparator, "items separated by ;")
            : Normalized.Fix(v, IssueCode.TextTrimmed, "spaces around items removed");
    }
}
