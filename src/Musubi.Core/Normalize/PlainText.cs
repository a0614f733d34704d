using System.Buffers;
using System.Text;

namespace Musubi.Normalize;

/// <summary>
/// Free text (format default): white space (including U+3000) is trimmed at both ends (text-trimmed); a line break
/// inside a cell breaks the one-record-per-line rule (L1-14) and becomes a space (text-newline); other control
/// characters are replaced by a space (tab) or removed (text-control-removed). Nothing else is changed — in
/// particular names are NOT NFKC-normalized.
/// </summary>
public static class PlainText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F\u2028\u2029");

    private static bool IsNewline(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';

    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0)
        {
            return Normalized.Same(raw);
        }
        if (!CharText.IsSpace(raw[0]) && !CharText.IsSpace(raw[^1]) && !raw.AsSpan().ContainsAny(Controls))
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
            return Normalized.Fix(v, IssueCodes.TextNewline, "line break inside a cell replaced by a space");
        }
        if (control)
        {
            return Normalized.Fix(v, IssueCodes.TextControlRemoved, "control characters removed");
        }
        return Normalized.Fix(v, IssueCodes.TextTrimmed, "surrounding spaces removed");
    }
}
