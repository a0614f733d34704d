using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>
/// URLs (format uri): trimmed, full-width ASCII folded to ASCII; must be an absolute http or https URL.
/// Decision: a URL without a scheme ("www.city.example.jp") is not guessed; it stays as it was (invalid-uri).
/// </summary>
public static class WebAddress
{
    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0 || IsPlainHttpUrl(raw))
        {
            return Normalized.Same(raw);
        }
        string s = CharText.TrimFold(raw);
        if (s.Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        if (!IsHttpUrl(s))
        {
            return Normalized.Bad(raw, IssueCode.InvalidUri, "not an absolute http(s) URL");
        }
        return ReferenceEquals(s, raw) || s == raw ? Normalized.Same(raw) : Normalized.Fix(s, IssueCode.UriFormat, "spaces and full-width characters removed");
    }

    /// <summary>Allocation-free check for the common case: lower-case http(s) scheme, an ASCII host, printable ASCII only.</summary>
    private static bool IsPlainHttpUrl(string s)
    {
        int i = s.StartsWith("https://", StringComparison.Ordinal) ? 8 : s.StartsWith("http://", StringComparison.Ordinal) ? 7 : -1;
        if (i < 0)
        {
            return false;
        }
        int hostStart = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '-' or ':'))
        {
            i++;
        }
        if (i == hostStart || s[hostStart] is '.' or '-' or ':' || (i < s.Length && s[i] is not ('/' or '?' or '#')))
        {
            return false;
        }
        for (; i < s.Length; i++)
        {
            if (s[i] is <= ' ' or >= '\u007F')
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsHttpUrl(string s)
    {
        if (!(s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        foreach (char c in s)
        {
            if (CharText.IsSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }
        return Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && u.Host.Length > 0;
    }
}
