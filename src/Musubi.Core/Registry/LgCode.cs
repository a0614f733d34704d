namespace Musubi.Registry;

/// <summary>全国地方公共団体コード helpers: 5 digits plus a check digit (JIS X 0402 / 総務省).</summary>
public static class LgCode
{
    /// <summary>The check digit of a 5-digit code: S = 6·d1+5·d2+4·d3+3·d4+2·d5; (11 − S mod 11) mod 10.</summary>
    public static char CheckDigit(ReadOnlySpan<char> code5)
    {
        if (code5.Length < 5) throw new ArgumentException("a 5-digit code is needed", nameof(code5));
        var s = 0;
        for (var i = 0; i < 5; i++)
        {
            var d = code5[i] - '0';
            if (d is < 0 or > 9) throw new ArgumentException("digits only", nameof(code5));
            s += (6 - i) * d;
        }
        return (char)('0' + ((11 - s % 11) % 10));
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
