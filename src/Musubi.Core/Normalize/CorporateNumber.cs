using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>
/// 法人番号: 13 digits whose FIRST digit is a check digit over the 12-digit 基礎番号:
/// check = 9 − (Σ Pn×Qn mod 9), Pn = n-th digit counted from the right of the base, Qn = 1 (n odd) or 2 (n even).
/// </summary>
public readonly record struct CorporateNumber
{
    private CorporateNumber(string value) => Value = value;

    /// <summary>The 13-digit number.</summary>
    public string Value { get; }

    /// <summary>The 12-digit 基礎番号 (for registered companies the 会社法人等番号).</summary>
    public string BaseNumber => Value[1..];

    public override string ToString() => Value;

    /// <summary>Check digit (1–9) of a 12-digit base number.</summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> baseNumber)
    {
        if (baseNumber.Length != 12)
        {
            throw new ArgumentException("twelve digits expected", nameof(baseNumber));
        }
        int sum = 0;
        for (int n = 1; n <= 12; n++)
        {
            int d = baseNumber[12 - n] - '0';
            if ((uint)d > 9)
            {
                throw new ArgumentException("digits expected", nameof(baseNumber));
            }
            sum += (n % 2 == 1 ? 1 : 2) * d;
        }
        return 9 - (sum % 9);
    }

    /// <summary>True for 13 ASCII digits with a correct leading check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> s)
    {
        if (s.Length != 13)
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
        return ComputeCheckDigit(s[1..]) == s[0] - '0';
    }

    public static bool TryParse(string? s, out CorporateNumber number)
    {
        number = default;
        if (s is null || !IsValid(s))
        {
            return false;
        }
        number = new CorporateNumber(s);
        return true;
    }

    /// <summary>The full number for a 12-digit base ("123456789012" → 7123456789012).</summary>
    public static CorporateNumber FromBase(ReadOnlySpan<char> baseNumber) =>
        new(string.Concat([(char)('0' + ComputeCheckDigit(baseNumber))], baseNumber));

    /// <summary>Normalizes a cell: full-width digits, spaces and hyphens removed; a 12-digit base gets its check digit.</summary>
    public static Normalized Normalize(string raw)
    {
        if (raw.Length == 0 || (raw.Length == 13 && IsValid(raw)))
        {
            return Normalized.Same(raw);
        }
        if (TypedCell.Settled(raw, 40, IssueCode.InvalidCorporateNumber, "not a corporate number (13 digits)", out var t, out var settled))
        {
            return settled;
        }
        Span<char> buf = stackalloc char[t.Length];
        int n = 0;
        foreach (char ch in t)
        {
            char c = CharText.FoldWidth(ch);
            if (CharText.IsAsciiDigit(c))
            {
                buf[n++] = c;
            }
            else if (!CharText.IsSpace(c) && !CharText.IsDashLike(c))
            {
                return Normalized.Bad(raw, IssueCode.InvalidCorporateNumber, "not a corporate number (13 digits)");
            }
        }
        var digits = buf[..n];
        if (n == 12)
        {
            return Normalized.Fix(FromBase(digits).Value, IssueCode.CorporateNumberCheckDigitAdded, "check digit added in front of the 12-digit base number");
        }
        if (n != 13)
        {
            return Normalized.Bad(raw, IssueCode.InvalidCorporateNumber, "not a corporate number (13 digits)");
        }
        if (!IsValid(digits))
        {
            return Normalized.Bad(raw, IssueCode.CorporateNumberCheckDigit, $"check digit should be {ComputeCheckDigit(digits[1..])}");
        }
        return Normalized.Fix(new string(digits), IssueCode.CorporateNumberFormat, "written as 13 ASCII digits");
    }
}
