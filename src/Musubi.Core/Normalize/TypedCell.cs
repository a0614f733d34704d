using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>The opening that typed normalizers share once a cell is known not to be in standard form already.</summary>
internal static class TypedCell
{
    /// <summary>
    /// True when the cell is settled before parsing: blank after trimming (→ empty, text-trimmed) or longer than
    /// <paramref name="maxLength"/> (→ invalid with the field's code). Otherwise false, with the trimmed text to parse.
    /// </summary>
    public static bool Settled(string raw, int maxLength, string invalidCode, string invalidMessage, out ReadOnlySpan<char> trimmed, out Normalized result)
    {
        trimmed = CharText.Trim(raw);
        if (trimmed.Length == 0)
        {
            result = Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
            return true;
        }
        if (trimmed.Length > maxLength)
        {
            result = Normalized.Bad(raw, invalidCode, invalidMessage);
            return true;
        }
        result = default;
        return false;
    }
}
