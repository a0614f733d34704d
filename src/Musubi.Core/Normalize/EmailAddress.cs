using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>
/// E-mail addresses: trimmed, full-width ASCII (＠ included) folded, "mailto:" removed; a simple shape check
/// (one @, non-empty local part, a dotted domain, no spaces).
/// </summary>
public static class EmailAddress
{
    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0)
        {
            return Normalized.Same(raw);
        }
        string s = CharText.TrimFold(raw);
        if (s.Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[7..];
        }
        if (!IsValid(s))
        {
            return Normalized.Bad(raw, IssueCode.InvalidEmail, "not an e-mail address");
        }
        return s == raw ? Normalized.Same(raw) : Normalized.Fix(s, IssueCode.EmailFormat, "spaces, mailto: and full-width characters removed");
    }

    public static bool IsValid(ReadOnlySpan<char> s)
    {
        int at = s.IndexOf('@');
        if (at <= 0 || at != s.LastIndexOf('@') || s.Length > 254)
        {
            return false;
        }
        var domain = s[(at + 1)..];
        int dot = domain.IndexOf('.');
        if (dot <= 0 || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (char c in s)
        {
            if (c <= ' ' || c >= 127 || c is '(' or ')' or '<' or '>' or ',' or ';' or ':' or '\\' or '"' or '[' or ']')
            {
                return false;
            }
        }
        return true;
    }
}
