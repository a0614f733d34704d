using Musubi.Chars;
using Musubi.Issues;
using Musubi.Registry;

namespace Musubi.Normalize;

/// <summary>
/// Normalizes a 全国地方公共団体コード cell (<see cref="LocalGovernmentCode"/>): a five-digit code gets its check digit
/// (lg-code-check-digit-added); a code that lost its leading zero ("92011", "1100") gets it back (lg-code-leading-zero); a
/// prefecture number alone ("13", "1") becomes that prefecture's own code 130001 (lg-code-prefecture-expanded). A
/// five-character value is ambiguous (a five-digit code, or a six-digit code without its leading zero): a registry lookup
/// decides when given; otherwise the zero-restored reading wins when its check digit verifies, else the five-digit reading.
/// </summary>
public static class LocalGovernmentCodeNormalizer
{
    /// <summary>Normalizes a cell to a six-digit code, repairing lost zeros and missing check digits.</summary>
    /// <param name="raw">The cell.</param>
    /// <param name="isKnownCode">Optional registry lookup of six-digit codes; disambiguates five-character values and rejects unknown codes.</param>
    public static Normalized Normalize(string raw, Func<string, bool>? isKnownCode = null)
    {
        if (raw.Length == 6 && LocalGovernmentCode.IsValid(raw) && (isKnownCode is null || isKnownCode(raw)))
        {
            return Normalized.Same(raw);
        }
        if (raw.Length == 0)
        {
            return Normalized.Same(raw);
        }
        if (raw.Length > 40)
        {
            return Normalized.Bad(raw, IssueCode.InvalidLgCode, "not a local government code (six digits)");
        }
        string s = CharText.Compact(raw);
        if (s.Length == 0)
        {
            return Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        if (s.EndsWith(".0", StringComparison.Ordinal))
        {
            s = s[..^2]; // spreadsheet number artefact "131016.0"
        }
        if (s.Length > 6 || !CharText.AllAsciiDigits(s))
        {
            return Normalized.Bad(raw, IssueCode.InvalidLgCode, "not a local government code (six digits)");
        }
        switch (s.Length)
        {
            case 6:
                if (!LocalGovernmentCode.PrefectureOk(s))
                {
                    return Normalized.Bad(raw, IssueCode.InvalidLgCode, "prefecture part must be 01–47");
                }
                if (LocalGovernmentCode.ComputeCheckDigit(s.AsSpan(0, 5)) != s[5] - '0')
                {
                    return Normalized.Bad(raw, IssueCode.LgCodeCheckDigit, $"check digit should be {LocalGovernmentCode.ComputeCheckDigit(s.AsSpan(0, 5))}");
                }
                return Known(raw, s, isKnownCode, IssueCode.LgCodeFormat, "code written as six ASCII digits");
            case 5:
                {
                    string zero = "0" + s;
                    bool zeroOk = LocalGovernmentCode.IsValid(zero);
                    string? five = LocalGovernmentCode.PrefectureOk(s) ? s + (char)('0' + LocalGovernmentCode.ComputeCheckDigit(s)) : null;
                    if (isKnownCode is not null)
                    {
                        bool zk = zeroOk && isKnownCode(zero);
                        bool fk = five is not null && isKnownCode(five);
                        if (zk && !fk)
                        {
                            return Normalized.Fix(zero, IssueCode.LgCodeLeadingZero, "leading zero restored");
                        }
                        if (fk && !zk)
                        {
                            return Normalized.Fix(five!, IssueCode.LgCodeCheckDigitAdded, "check digit added to a five-digit code");
                        }
                        if (!zk && !fk)
                        {
                            return Normalized.Bad(raw, IssueCode.LgCodeUnknown, "no such local government code");
                        }
                    }
                    if (zeroOk)
                    {
                        return Normalized.Fix(zero, IssueCode.LgCodeLeadingZero, "leading zero restored");
                    }
                    if (five is not null)
                    {
                        return Normalized.Fix(five, IssueCode.LgCodeCheckDigitAdded, "check digit added to a five-digit code");
                    }
                    return Normalized.Bad(raw, IssueCode.InvalidLgCode, "prefecture part must be 01–47");
                }
            case 4:
                {
                    string five = "0" + s;
                    if (!LocalGovernmentCode.PrefectureOk(five))
                    {
                        return Normalized.Bad(raw, IssueCode.InvalidLgCode, "not a local government code");
                    }
                    return Known(raw, five + (char)('0' + LocalGovernmentCode.ComputeCheckDigit(five)), isKnownCode, IssueCode.LgCodeLeadingZero, "leading zero restored and check digit added");
                }
            case 1:
            case 2:
                {
                    int pref = s.Length == 1 ? s[0] - '0' : ((s[0] - '0') * 10) + (s[1] - '0');
                    if (pref is < 1 or > 47)
                    {
                        return Normalized.Bad(raw, IssueCode.InvalidLgCode, "not a local government code");
                    }
                    string five = pref.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "000";
                    return Known(raw, five + (char)('0' + LocalGovernmentCode.ComputeCheckDigit(five)), isKnownCode, IssueCode.LgCodePrefectureExpanded, "prefecture number expanded to the prefecture's code");
                }
            default:
                return Normalized.Bad(raw, IssueCode.InvalidLgCode, "not a local government code (six digits)");
        }
    }

    private static Normalized Known(string raw, string code, Func<string, bool>? isKnownCode, string fixCode, string message)
    {
        if (isKnownCode is not null && !isKnownCode(code))
        {
            return Normalized.Bad(raw, IssueCode.LgCodeUnknown, $"{code} is not a known local government code");
        }
        return code == raw ? Normalized.Same(raw) : Normalized.Fix(code, fixCode, message);
    }
}
