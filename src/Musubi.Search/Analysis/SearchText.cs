using System.Text;
using Musubi.Chars;

namespace Musubi.Search.Analysis;

/// <summary>
/// The one text fold applied to every indexed value and every query, before tokenizing: NFKC (full-width ASCII →
/// ASCII, half-width katakana → full-width, compatibility kanji → unified, ① → 1), lower case, hiragana → katakana,
/// small ヶ/ヵ → ケ/カ, and old/variant kanji → the common form with Musubi.Core's variant table
/// (data/codes/variant-kanji.tsv, the same table the address matcher uses). Index and query go through the same
/// function, so ＡＥＤ = AED = aed, ひらがな = ヒラガナ, 澤 = 沢.
/// </summary>
public static class SearchText
{
    /// <summary>Longest value considered (characters); longer text is cut so one huge cell cannot stall indexing.</summary>
    public const int MaxChars = 32_768;

    /// <summary>Version of the fold, part of the index's analysis version: an index built with another fold is rebuilt.</summary>
    public static string Version => "fold-1;variants-" + VariantKanji.Version;

    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.Length > MaxChars) text = text[..MaxChars];
        var s = Nfkc(text);
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            char f;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, s[i + 1]);
                if (VariantKanji.Supplementary.TryGetValue(cp, out var rep))
                {
                    sb ??= new StringBuilder(s, 0, i, s.Length);
                    sb.Append(rep);
                }
                else
                {
                    sb?.Append(c).Append(s[i + 1]);
                }
                i++;
                continue;
            }
            f = FoldChar(c);
            if (f != c && sb is null) sb = new StringBuilder(s, 0, i, s.Length);
            sb?.Append(f);
        }
        return sb?.ToString() ?? s;
    }

    internal static char FoldChar(char c)
    {
        if (c < 0x80) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        if (c is >= '\u3041' and <= '\u3096') return (char)(c + 0x60);
        if (c is '\u309D' or '\u309E') return (char)(c + 0x60);
        if (c == '\u30F6') return '\u30B1';
        if (c == '\u30F5') return '\u30AB';
        if (c < 0x3000) return char.ToLowerInvariant(c);
        return VariantKanji.Fold(c);
    }

    private static string Nfkc(string s)
    {
        // Fast path: ASCII, kana and kanji outside the compatibility blocks are already NFKC.
        var needs = false;
        foreach (var c in s)
        {
            if (c >= 0x80 && !(c is >= '\u3041' and <= '\u30FF' || c is >= '\u4E00' and <= '\u9FFF'))
            {
                needs = true;
                break;
            }
        }
        if (!needs) return s;
        try
        {
            return s.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates make Normalize throw: replace them and try once more.
            var chars = s.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
                else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
            }
            return new string(chars).Normalize(NormalizationForm.FormKC);
        }
    }
}
