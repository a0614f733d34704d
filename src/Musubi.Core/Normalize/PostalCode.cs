using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>郵便番号 written as seven ASCII digits: "〒123-4567", "１２３－４５６７" → "1234567".</summary>
public static class PostalCode
{
    public static bool IsCanonical(ReadOnlySpan<char> s) => s.Length == 7 && CharText.AllAsciiDigits(s);

    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0 || IsCanonical(raw))
        {
            return Normalized.Same(raw);
        }
        if (TypedCell.Settled(raw, 20, IssueCode.InvalidPostalCode, "not a postal code (7 digits)", out var t, out var settled))
        {
            return settled;
        }
        Span<char> buf = stackalloc char[t.Length];
        int n = 0, dashes = 0;
        for (int i = 0; i < t.Length; i++)
        {
            char c = CharText.FoldWidth(t[i]);
            if (CharText.IsAsciiDigit(c))
            {
                buf[n++] = c;
            }
            else if (CharText.IsDashLike(c))
            {
                if (n != 3 || ++dashes > 1)
                {
                    return Normalized.Bad(raw, IssueCode.InvalidPostalCode, "not a postal code (7 digits)");
                }
            }
            else if (!((c is '〒' or '\u3012' or '\u3020') && n == 0) && !CharText.IsSpace(c))
            {
                return Normalized.Bad(raw, IssueCode.InvalidPostalCode, "not a postal code (7 digits)");
            }
        }
        if (n != 7)
        {
            return Normalized.Bad(raw, IssueCode.InvalidPostalCode, "not a postal code (7 digits)");
        }
        return Normalized.Fix(new string(buf[..n]), IssueCode.PostalCodeFormat, "written as seven digits");
    }
}
