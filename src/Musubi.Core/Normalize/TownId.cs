using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>
/// 町字ID (アドレス・ベース・レジストリ): seven ASCII digits (4-digit 大字・町 + 3-digit 丁目・小字), e.g. "0001001".
/// Decision: full-width digits are folded and lost leading zeros (a spreadsheet artefact, "1001") are restored.
/// </summary>
public static class TownId
{
    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0 || (raw.Length == 7 && CharText.AllAsciiDigits(raw)))
        {
            return Normalized.Same(raw);
        }
        string s = CharText.Compact(raw);
        if (s.Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        if (s.Length > 7 || !CharText.AllAsciiDigits(s))
        {
            return Normalized.Bad(raw, IssueCode.InvalidTownId, "not a town id (7 digits)");
        }
        if (s.Length < 7)
        {
            if (s.Length < 4)
            {
                return Normalized.Bad(raw, IssueCode.InvalidTownId, "not a town id (7 digits)");
            }
            return Normalized.Fix(s.PadLeft(7, '0'), IssueCode.TownIdLeadingZero, "leading zeros restored");
        }
        return Normalized.Fix(s, IssueCode.TownIdFormat, "written as seven ASCII digits");
    }
}
