using System.Text;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>
/// Katakana readings (format kana, e.g. 名称_カナ): hiragana becomes katakana and half-width katakana becomes full-width
/// (with ﾞ/ﾟ combined); spaces, ー, ・, digits and Latin letters are kept as written.
/// </summary>
/// <remarks>
/// Decisions: kanji that look like katakana and stand next to katakana (二ホン → ニホン; 二 口 工 力 夕 卜 八 一) are
/// replaced (kana-lookalike, a warning); any other kanji (or 々) means the cell is not a reading: it is kept as it was
/// and reported as kana-not-katakana (a warning). Surrounding spaces are trimmed.
/// </remarks>
public static class KanaText
{
    // Half-width katakana U+FF61..U+FF9F → full-width.
    private const string HalfToFull =
        "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";

    private const string Dakuten = "カキクケコサシスセソタチツテトハヒフヘホウ";
    private const string DakutenOut = "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ";
    private const string Handakuten = "ハヒフヘホ";
    private const string HandakutenOut = "パピプペポ";

    // Kanji typed by mistake for the katakana they look like: 二→ニ 口→ロ 工→エ 力→カ 夕→タ 卜→ト 八→ハ 一→ー.
    private const string LookalikeKanji = "二口工力夕卜八一";
    private const string LookalikeKana = "ニロエカタトハー";

    private static bool IsKatakana(char c) => (c >= '\u30A1' && c <= '\u30FA') || c == '\u30FC';

    private static bool IsKatakanaOrHalf(char c) => IsKatakana(c) || (c >= '\uFF66' && c <= '\uFF9D') || (c >= '\u3041' && c <= '\u3096');

    private static bool IsKanji(char c) => (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF') || c == '々' || char.IsSurrogate(c);

    private static bool NeedsWork(char c) =>
        (c >= '\u3041' && c <= '\u3096') || c == '\u309D' || c == '\u309E' || (c >= '\uFF61' && c <= '\uFF9F') || IsKanji(c);

    public static Normalized Normalize(string raw)
    {
        bool work = CharText.HasOuterSpace(raw);
        foreach (char c in raw)
        {
            if (NeedsWork(c))
            {
                work = true;
                break;
            }
        }
        if (!work)
        {
            return Normalized.Same(raw);
        }
        var t = CharText.Trim(raw);
        bool lookalike = false;
        Span<char> fixedKanji = t.Length <= 256 ? stackalloc char[t.Length] : new char[t.Length];
        t.CopyTo(fixedKanji);
        for (int i = 0; i < fixedKanji.Length; i++)
        {
            char c = fixedKanji[i];
            if (!IsKanji(c))
            {
                continue;
            }
            int k = LookalikeKanji.IndexOf(c);
            bool besideKana = (i > 0 && IsKatakanaOrHalf(fixedKanji[i - 1])) || (i + 1 < fixedKanji.Length && IsKatakanaOrHalf(fixedKanji[i + 1]));
            if (k < 0 || !besideKana)
            {
                return Normalized.Bad(raw, IssueCode.KanaNotKatakana, "reading contains kanji; katakana expected");
            }
            fixedKanji[i] = LookalikeKana[k];
            lookalike = true;
        }
        var sb = new StringBuilder(t.Length);
        bool kanaChanged = false;
        foreach (char c in fixedKanji)
        {
            if ((c >= '\u3041' && c <= '\u3096') || c == '\u309D' || c == '\u309E')
            {
                sb.Append((char)(c + 0x60));
                kanaChanged = true;
            }
            else if (c >= '\uFF61' && c <= '\uFF9F')
            {
                kanaChanged = true;
                char full = HalfToFull[c - '\uFF61'];
                if (sb.Length > 0 && (c == '\uFF9E' || c == '\uFF9F'))
                {
                    char prev = sb[^1];
                    int k = c == '\uFF9E' ? Dakuten.IndexOf(prev) : Handakuten.IndexOf(prev);
                    if (k >= 0)
                    {
                        sb[^1] = c == '\uFF9E' ? DakutenOut[k] : HandakutenOut[k];
                        continue;
                    }
                }
                sb.Append(full);
            }
            else
            {
                sb.Append(c);
            }
        }
        string v = sb.ToString();
        if (v == raw)
        {
            return Normalized.Same(raw);
        }
        if (lookalike)
        {
            return Normalized.Fix(v, IssueCode.KanaLookalike, "kanji that look like katakana (二 口 工 力 夕 卜 八 一) replaced by katakana");
        }
        return kanaChanged
            ? Normalized.Fix(v, IssueCode.KanaConverted, "written in full-width katakana")
            : Normalized.Fix(v, IssueCode.TextTrimmed, "surrounding spaces removed");
    }
}
