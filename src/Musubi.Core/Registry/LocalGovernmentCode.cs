using Musubi.Chars;

namespace Musubi.Registry;

/// <summary>
/// 全国地方公共団体コード: five digits (2-digit prefecture 01–47 + 3-digit municipality) and a check digit,
/// always written as six digits, e.g. 千代田区 131016. Check digit = (11 − (6d1+5d2+4d3+3d4+2d5) mod 11) mod 10.
/// </summary>
/// <remarks>
/// The one type for the code (registries, normalizers, publishers); the cell normalizer is
/// <c>Normalize.LocalGovernmentCodeNormalizer</c>. Repairs it makes: a five-digit code gets its check digit (lg-code-check-digit-added); a code that lost its leading zero
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

    /// <summary>The check digit of a five-digit code, as a character.</summary>
    public static char CheckDigitChar(ReadOnlySpan<char> fiveDigits) => (char)('0' + ComputeCheckDigit(fiveDigits[..5]));

    /// <summary>The prefecture's own code of any code (131016 → 130001).</summary>
    public static string PrefectureOf(string code) => FromFiveDigits(code[..2] + "000").Value;

    internal static bool PrefectureOk(ReadOnlySpan<char> s)
    {
        int p = ((s[0] - '0') * 10) + (s[1] - '0');
        return p is >= 1 and <= 47;
    }
}
