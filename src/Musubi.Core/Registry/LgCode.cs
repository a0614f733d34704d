using Musubi.Normalize;

namespace Musubi.Registry;

/// <summary>
/// 全国地方公共団体コード helpers for the registries. The check digit itself is computed in one place,
/// <see cref="LocalGovernmentCode.ComputeCheckDigit"/>.
/// </summary>
public static class LgCode
{
    /// <summary>The check digit of a 5-digit code: S = 6·d1+5·d2+4·d3+3·d4+2·d5; (11 − S mod 11) mod 10.</summary>
    public static char CheckDigit(ReadOnlySpan<char> code5)
    {
        if (code5.Length < 5) throw new ArgumentException("a 5-digit code is needed", nameof(code5));
        return (char)('0' + LocalGovernmentCode.ComputeCheckDigit(code5[..5]));
    }

    /// <summary>True when the text is 6 ASCII digits whose last digit is the right check digit.</summary>
    public static bool HasValidCheckDigit(ReadOnlySpan<char> code6)
    {
        if (code6.Length != 6) return false;
        foreach (var c in code6) if (c is < '0' or > '9') return false;
        return CheckDigit(code6[..5]) == code6[5];
    }

    /// <summary>The 6-digit code for a 5-digit one.</summary>
    public static string From5(string code5) => code5 + CheckDigit(code5);

    /// <summary>The prefecture's code (e.g. 131016 → 130001).</summary>
    public static string PrefectureOf(string code) => From5(code[..2] + "000");
}
