using System.Text;
using System.Text.RegularExpressions;

namespace Musubi.Convert;

/// <summary>Finds the publishing municipality's 全国地方公共団体コード: --publisher, else a code at the start of the file name (222127_aed.csv).</summary>
internal static partial class PublisherCode
{
    public static string? Resolve(string? option, string inputPath)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Normalize(option) ?? throw new ArgumentException($"--publisher '{option}' is not a 全国地方公共団体コード (6 digits with check digit, or 5 digits)");
        }
        var m = LeadingCode().Match(Path.GetFileName(inputPath).Normalize(NormalizationForm.FormKC));
        return m.Success ? Normalize(m.Groups[1].Value) : null;
    }

    /// <summary>6 digits with a valid check digit, or 5 digits (check digit added); else null.</summary>
    public static string? Normalize(string code)
    {
        var s = code.Trim().Normalize(NormalizationForm.FormKC);
        if (s.Length == 5 && s.All(char.IsAsciiDigit)) return s + CheckDigit(s);
        if (s.Length == 6 && s.All(char.IsAsciiDigit) && s[5] - '0' == CheckDigit(s[..5])) return s;
        return null;
    }

    private static int CheckDigit(string five)
    {
        var sum = 0;
        for (var i = 0; i < 5; i++) sum += (five[i] - '0') * (6 - i);
        return (11 - sum % 11) % 10;
    }

    [GeneratedRegex(@"^(\d{6}|\d{5})(?:[_\-\s.]|$)")]
    private static partial Regex LeadingCode();
}
