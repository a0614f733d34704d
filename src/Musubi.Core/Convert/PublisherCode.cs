using System.Text;
using System.Text.RegularExpressions;
using Musubi.Normalize;
using Musubi.Operations;
using Musubi.Registry;

namespace Musubi.Convert;

/// <summary>Finds the publishing municipality's 全国地方公共団体コード: --publisher, else a code at the start of the file name (222127_aed.csv).</summary>
internal static partial class PublisherCode
{
    /// <param name="option">A code the caller gives (it wins).</param>
    /// <param name="fileName">The input's file name, which may start with a code (222127_aed.csv) or name a municipality in 【】.</param>
    /// <param name="organization">The publishing organization's name from a catalog, when any.</param>
    public static string? Resolve(string? option, string fileName, string? organization, LocalGovernmentRegistry registry)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Normalize(option) ?? throw new OperationException(OperationError.InvalidInput(
                $"publisher '{option}' is not a 全国地方公共団体コード (6 digits with check digit, or 5 digits)", nameof(ConvertRequest.Publisher)));
        }
        var name = Path.GetFileName(fileName).Normalize(NormalizationForm.FormKC);
        var m = LeadingCode().Match(name);
        if (m.Success && Normalize(m.Groups[1].Value) is { } code) return code;
        // 【さいたま市】AED設置場所一覧.csv: a municipality's name in brackets, when it names exactly one.
        var b = BracketedName().Match(name);
        if (b.Success && ByName(b.Groups[1].Value.Trim(), registry) is { } bracketed) return bracketed;
        return string.IsNullOrWhiteSpace(organization) ? null : ByName(organization.Normalize(NormalizationForm.FormKC).Trim(), registry);
    }

    /// <summary>The code of the one current municipality (or prefecture) a name means: "さいたま市", "埼玉県さいたま市", "埼玉県".</summary>
    private static string? ByName(string text, LocalGovernmentRegistry registry)
    {
        var pref = registry.Prefectures.FirstOrDefault(p => text.StartsWith(p.Prefecture, StringComparison.Ordinal) && text.Length > p.Prefecture.Length);
        var city = pref is null ? text : text[pref.Prefecture.Length..];
        var hits = registry.ByCityName(city).Where(g => g.IsCurrent && (pref is null || g.Prefecture == pref.Prefecture)).ToList();
        if (hits.Count == 1) return hits[0].Code;
        if (pref is null && registry.ByPrefectureName(text) is { } prefecture) return prefecture.Code;
        return null;
    }

    /// <summary>A 全国地方公共団体コード in any repairable form (5 digits, lost zero, full-width), as 6 digits; else null.</summary>
    public static string? Normalize(string code)
    {
        // A publisher given as 5 digits is the 5-digit 団体コード (without check digit), not a 6-digit code that lost its zero.
        var folded = code.Trim().Normalize(System.Text.NormalizationForm.FormKC);
        if (folded.Length == 5 && folded.All(char.IsAsciiDigit))
            return int.Parse(folded[..2], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 47 ? LocalGovernmentCode.FromFiveDigits(folded).ToString() : null;
        var n = LocalGovernmentCodeNormalizer.Normalize(code);
        return n.Outcome == Outcome.Invalid || n.Value.Length != 6 ? null : n.Value;
    }

    [GeneratedRegex(@"[【\[(]([^】\])]{2,20})[】\])]")]
    private static partial Regex BracketedName();

    [GeneratedRegex(@"^(\d{6}|\d{5})(?:[_\-\s.]|$)")]
    private static partial Regex LeadingCode();
}
