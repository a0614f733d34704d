namespace Musubi.Normalize;

/// <summary>
/// 全国地方公共団体コード: five digits (2-digit prefecture 01–47 + 3-digit municipality) and a check digit,
/// always written as six digits, e.g. 千代田区 131016. Check digit = (11 − (6d1+5d2+4d3+3d4+2d5) mod 11) mod 10.
/// </summary>
/// <remarks>
/// Repairs: a five-digit code gets its check digit (lg-code-check-digit-added); a code that lost its leading zero
/// ("92011", "1100") gets it back (lg-code-leading-zero); a prefecture number alone ("13", "1") becomes that
/// prefecture's own code 130001 (lg-code-prefecture-expanded). A five-character value is ambiguous (a five-digit code, or a
/// six-digit code without its leading zero): a registry lookup decides when given; otherwise the zero-restored reading wins
/// when its check digit verifies, else the five-digit reading.
/// </remarks>
public readonly record struct LocalGovernmentCode
{
    private LocalGovernmentCode(string value) => Value = value;

    /// <summary>The six-digit code including the check digit.</summary>
    public string Value { get; }

    /// <summary>Prefecture number 1–47.</summary>
    public int Prefecture => ((Value[0] - '0') * 10) + (Value[1] - '0');

    /// <summary>True for a prefecture's own code (municipality part 000), e.g. 130001.</summary>
    public bool IsPrefecture => Value[2] == '0' && Value[3] == '0' && Value[4] == '0';

    /// <summary>The five-digit code without the check digit.</summary>
    public string FiveDigit => Value[..5];

    public override string ToString() => Value;

    /// <summary>Check digit of a five-digit code (ASCII digits).</summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> fiveDigits)
    {
        if (fiveDigits.Length != 5)
        {
            throw new ArgumentException("five digits expected", nameof(fiveDigits));
        }
        int sum = 0;
        for (int i = 0; i < 5; i++)
        {
            int d = fiveDigits[i] - '0';
            if ((uint)d > 9)
            {
                throw new ArgumentException("digits expected", nameof(fiveDigits));
            }
            sum += d * (6 - i);
        }
        return (11 - (sum % 11)) % 10;
    }

    /// <summary>True for six ASCII digits with prefecture 01–47 and a correct check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> s)
    {
        if (s.Length != 6)
        {
            return false;
        }
        foreach (char c in s)
        {
            if (!CharText.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return PrefectureOk(s) && ComputeCheckDigit(s[..5]) == s[5] - '0';
    }

    /// <summary>Parses a canonical six-digit code.</summary>
    public static bool TryParse(string? s, out LocalGovernmentCode code)
    {
        code = default;
        if (s is null || !IsValid(s))
        {
            return false;
        }
        code = new LocalGovernmentCode(s);
        return true;
    }

    /// <summary>The six-digit code for a five-digit one ("13101" → 131016).</summary>
    public static LocalGovernmentCode FromFiveDigits(ReadOnlySpan<char> fiveDigits)
    {
        int check = ComputeCheckDigit(fiveDigits);
        if (!PrefectureOk(fiveDigits))
        {
            throw new ArgumentException("prefecture must be 01–47", nameof(fiveDigits));
        }
        return new LocalGovernmentCode(string.Concat(fiveDigits, [(char)('0' + check)]));
    }

    /// <summary>Normalizes a cell to a six-digit code, repairing lost zeros and missing check digits.</summary>
    /// <param name="raw">The cell.</param>
    /// <param name="isKnownCode">Optional registry lookup of six-digit codes; disambiguates five-character values and rejects unknown codes.</param>
    public static Normalized Normalize(string raw, Func<string, bool>? isKnownCode = null)
    {
        if (raw.Length == 6 && IsValid(raw) && (isKnownCode is null || isKnownCode(raw)))
        {
            return Normalized.Same(raw);
        }
        if (raw.Length == 0)
        {
            return Normalized.Same(raw);
        }
        if (raw.Length > 40)
        {
            return Normalized.Bad(raw, IssueCodes.InvalidLgCode, "not a local government code (six digits)");
        }
        string s = CharText.Compact(raw);
        if (s.Length == 0)
        {
            return Normalized.Fix("", IssueCodes.TextTrimmed, "blank cell");
        }
        if (s.EndsWith(".0", StringComparison.Ordinal))
        {
            s = s[..^2]; // spreadsheet number artefact "131016.0"
        }
        if (s.Length > 6 || !CharText.AllAsciiDigits(s))
        {
            return Normalized.Bad(raw, IssueCodes.InvalidLgCode, "not a local government code (six digits)");
        }
        switch (s.Length)
        {
            case 6:
                if (!PrefectureOk(s))
                {
                    return Normalized.Bad(raw, IssueCodes.InvalidLgCode, "prefecture part must be 01–47");
                }
                if (ComputeCheckDigit(s.AsSpan(0, 5)) != s[5] - '0')
                {
                    return Normalized.Bad(raw, IssueCodes.LgCodeCheckDigit, $"check digit should be {ComputeCheckDigit(s.AsSpan(0, 5))}");
                }
                return Known(raw, s, isKnownCode, IssueCodes.LgCodeFormat, "code written as six ASCII digits");
            case 5:
                {
                    string zero = "0" + s;
                    bool zeroOk = IsValid(zero);
                    string? five = PrefectureOk(s) ? s + (char)('0' + ComputeCheckDigit(s)) : null;
                    if (isKnownCode is not null)
                    {
                        bool zk = zeroOk && isKnownCode(zero);
                        bool fk = five is not null && isKnownCode(five);
                        if (zk && !fk)
                        {
                            return Normalized.Fix(zero, IssueCodes.LgCodeLeadingZero, "leading zero restored");
                        }
                        if (fk && !zk)
                        {
                            return Normalized.Fix(five!, IssueCodes.LgCodeCheckDigitAdded, "check digit added to a five-digit code");
                        }
                        if (!zk && !fk)
                        {
                            return Normalized.Bad(raw, IssueCodes.LgCodeUnknown, "no such local government code");
                        }
                    }
                    if (zeroOk)
                    {
                        return Normalized.Fix(zero, IssueCodes.LgCodeLeadingZero, "leading zero restored");
                    }
                    if (five is not null)
                    {
                        return Normalized.Fix(five, IssueCodes.LgCodeCheckDigitAdded, "check digit added to a five-digit code");
                    }
                    return Normalized.Bad(raw, IssueCodes.InvalidLgCode, "prefecture part must be 01–47");
                }
            case 4:
                {
                    string five = "0" + s;
                    if (!PrefectureOk(five))
                    {
                        return Normalized.Bad(raw, IssueCodes.InvalidLgCode, "not a local government code");
                    }
                    return Known(raw, five + (char)('0' + ComputeCheckDigit(five)), isKnownCode, IssueCodes.LgCodeLeadingZero, "leading zero restored and check digit added");
                }
            case 1:
            case 2:
                {
                    int pref = s.Length == 1 ? s[0] - '0' : ((s[0] - '0') * 10) + (s[1] - '0');
                    if (pref is < 1 or > 47)
                    {
                        return Normalized.Bad(raw, IssueCodes.InvalidLgCode, "not a local government code");
                    }
                    string five = pref.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "000";
                    return Known(raw, five + (char)('0' + ComputeCheckDigit(five)), isKnownCode, IssueCodes.LgCodePrefectureExpanded, "prefecture number expanded to the prefecture's code");
                }
            default:
                return Normalized.Bad(raw, IssueCodes.InvalidLgCode, "not a local government code (six digits)");
        }
    }

    private static Normalized Known(string raw, string code, Func<string, bool>? isKnownCode, string fixCode, string message)
    {
        if (isKnownCode is not null && !isKnownCode(code))
        {
            return Normalized.Bad(raw, IssueCodes.LgCodeUnknown, $"{code} is not a known local government code");
        }
        return code == raw ? Normalized.Same(raw) : Normalized.Fix(code, fixCode, message);
    }

    private static bool PrefectureOk(ReadOnlySpan<char> s)
    {
        int p = ((s[0] - '0') * 10) + (s[1] - '0');
        return p is >= 1 and <= 47;
    }
}
