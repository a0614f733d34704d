using System.Text;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>
/// Free text (format default): white space (including U+3000) is trimmed at both ends (text-trimmed); a line break
/// inside a cell breaks the one-record-per-line rule (L1-14) and becomes a space (text-newline); other control
/// characters are replaced by a space (tab) or removed (text-control-removed). Nothing else is changed — in
/// particular names are NOT NFKC-normalized.
/// </summary>
public static class PlainText
{
    /// <summary>C0 and C1 controls, DEL and the Unicode line/paragraph separators (the characters this normalizer changes).</summary>
    internal static bool IsControl(char c) => c < '\u00A0' ? c < ' ' || c >= '\u007F' : c is '\u2028' or '\u2029';

    // A loop instead of SearchValues: with non-ASCII members SearchValues takes its slower probabilistic path, and
    // names are short.
    private static bool HasControl(string s)
    {
        foreach (var c in s)
        {
            if (IsControl(c)) return true;
        }
        return false;
    }

    private static bool IsNewline(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';

    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0)
        {
            return Normalized.Same(raw);
        }
        if (!CharText.IsSpace(raw[0]) && !CharText.IsSpace(raw[^1]) && !HasControl(raw))
        {
            return Normalized.Same(raw);
        }
        bool newline = false, control = false;
        var sb = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (IsNewline(c))
            {
                newline = true;
                if (c == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
                {
                    i++;
                }
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
                continue;
            }
            if (c < ' ' || (c >= '\u007F' && c <= '\u009F'))
            {
                control = true;
                if (c == '\t' && sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
                continue;
            }
            sb.Append(c);
        }
        string v = CharText.Trim(sb.ToString()).ToString();
        if (v == raw)
        {
            return Normalized.Same(raw);
        }
        if (newline)
        {
            return Normalized.Fix(v, IssueCode.TextNewline, "line break inside a cell replaced by a space");
        }
        if (control)
        {
            return Normalized.Fix(v, IssueCode.TextControlRemoved, "control characters removed");
        }
        return Normalized.Fix(v, IssueCode.TextTrimmed, "surrounding spaces removed");
    }
}
