using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>
/// Identifiers (format id, e.g. ID, POIコード): trimmed, full-width letters and digits folded to ASCII.
/// Nothing else is changed (no case folding, no zero padding).
/// </summary>
public static class Identifier
{
    public static Normalized Normalize(string raw)
    {
        string s = CharText.TrimFold(raw);
        if (ReferenceEquals(s, raw))
        {
            return Normalized.Same(raw);
        }
        if (s == raw)
        {
            return Normalized.Same(raw);
        }
        return Normalized.Fix(s, IssueCode.IdFormat, "spaces and full-width characters removed");
    }
}
