using System.Runtime.CompilerServices;
using System.Text;

namespace Musubi.Chars;

/// <summary>
/// The two text passes of the address normalizer. <see cref="Clean"/> gives a readable form (half-width ASCII,
/// one kind of dash, single spaces, no control characters or variation selectors) used for the output parts;
/// <see cref="Fold"/> gives the matching key (variant kanji and kana folded, numbers canonical, spaces dropped)
/// with a map back to the clean text. Both are single linear passes: no regular expressions.
/// </summary>
internal static class JapaneseText
{
    /// <summary>Longest input considered; longer text is cut (an address is never this long).</summary>
    public const int MaxInput = 2048;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int KanjiDigit(char c) => c switch
    {
        '〇' or '零' => 0,
        '一' or '壱' or '壹' => 1,
        '二' or '弐' or '貳' => 2,
        '三' or '参' or '參' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int KanjiUnit(char c) => c switch { '十' or '拾' => 10, '百' => 100, '千' => 1000, _ => 0 };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsKanjiNumeral(char c) => KanjiDigit(c) >= 0 || KanjiUnit(c) > 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsDashLike(char c) => c is '-' or '－' or '−' or '‐' or '‑' or '‒' or '–' or '—' or '―' or '⁃' or '﹘' or '﹣' or '⎯' or '⏤' or '─' or '━';

    private static bool NeedsNfkc(string s)
    {
        foreach (var c in s)
            if (NeedsNfkc(c)) return true;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NeedsNfkc(char c) =>
        c >= 0x2460 && (c is >= '\uFF61' and <= '\uFF9F' || c is >= '\uF900' and <= '\uFAFF' || c is >= '\u3200' and <= '\u33FF'
            || c is >= '\u2460' and <= '\u24FF' || c is '\u3099' or '\u309A' || c == '\uD87E');

    /// <summary>Readable, comparable form of the input; never throws, linear in the input length.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Usually nothing changes (kana, kanji, ASCII digits): one scan and the input is the result.
        if (text.Length > MaxInput) return CleanSlow(text, 0);
        var clean = CleanPrefix(text);
        return clean == text.Length ? text : CleanSlow(text, clean);
    }

    [ThreadStatic] private static char[]? t_cleanBuffer;

    /// <summary>
    /// How many leading characters <see cref="CleanSlow"/> keeps as they are, with nothing pending (no NFKC, no surrogate,
    /// no space or control, no dash to fold, no long-vowel mark that is a dash); the text's length when it keeps them all.
    /// </summary>
    private static int CleanPrefix(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((uint)(c - '!') <= '~' - '!')
            {
                // A hyphen between two katakana is a long-vowel mark.
                if (c == '-' && i > 0 && IsKatakana(text[i - 1]) && i + 1 < text.Length && IsKatakana(text[i + 1])) return i;
                continue;
            }
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3041' and <= '\u3096' or >= '\u30A1' and <= '\u30FA') continue;
            if (c == 'ー')
            {
                // After a number it is a dash (see CleanSlow).
                if (i > 0 && (IsDigit(text[i - 1]) || KanjiDigit(text[i - 1]) >= 0 && (i < 2 || !IsKana(text[i - 2])))) return i;
                continue;
            }
            if (c < 0x80 || char.IsSurrogate(c) || IsIgnorable(c) || c is >= '\uFF01' and <= '\uFF5E' || c == '\u3000'
                || char.IsWhiteSpace(c) || char.IsControl(c) || IsDashLike(c) || c == 'ｰ' || NeedsNfkc(c))
                return i;
        }
        return text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIgnorable(char c) => c is >= '\uFE00' and <= '\uFE0F' || c is >= '\u200B' and <= '\u200F' || c is '\u2060' or '\uFEFF' or '\u00AD';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain(char c) =>
        (uint)(c - '!') <= '~' - '!' && c != '-' || c is >= '\u4E00' and <= '\u9FFF' or >= '\u3041' and <= '\u3096' or >= '\u30A1' and <= '\u30FA';

    /// <param name="clean">How many leading characters are known to be kept as they are (see <see cref="CleanPrefix"/>).</param>
    private static string CleanSlow(string text, int clean)
    {
        var original = text;
        if (text.Length > MaxInput)
            text = text[..(char.IsHighSurrogate(text[MaxInput - 1]) ? MaxInput - 1 : MaxInput)];
        // Lone surrogates would make Normalize throw: replace them first.
        var hasBad = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) { hasBad = true; break; }
        }
        if (hasBad)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
                if (char.IsSurrogate(chars[i])) chars[i] = '?';
            }
            text = new string(chars);
        }
        if (NeedsNfkc(text))
        {
            try { text = text.Normalize(NormalizationForm.FormKC); }
            catch (ArgumentException) { /* keep the text as it is */ }
        }

        // Each character gives at most one (a pair stays a pair, a run of spaces gives one): the text's length is enough.
        var buf = t_cleanBuffer;
        if (buf is null || buf.Length < text.Length) buf = new char[Math.Max(256, text.Length)];
        // The clean start is copied as it is, unless the text was changed above.
        var n = ReferenceEquals(text, original) ? clean : 0;
        text.AsSpan(0, n).CopyTo(buf);
        var pendingSpace = false;
        for (var i = n; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPlain(c)) { Emit(buf, ref n, c, ref pendingSpace); continue; }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                i++;
                if (cp is >= 0xE0100 and <= 0xE01EF) continue; // ideographic variation selectors
                if (VariantKanji.Supplementary.TryGetValue(cp, out var rep)) { Emit(buf, ref n, rep, ref pendingSpace); continue; }
                Flush(buf, ref n, ref pendingSpace);
                buf[n++] = c;
                buf[n++] = text[i];
                continue;
            }
            if (IsIgnorable(c)) continue;
            if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
            if (c == '\u3000' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (n > 0) pendingSpace = true;
                continue;
            }
            if (IsDashLike(c))
            {
                // Between two katakana a dash is a long-vowel mark written with the wrong key (ハ－モニ－タウン).
                var prevK = n > 0 && !pendingSpace && IsKatakana(buf[n - 1]);
                var nextK = i + 1 < text.Length && IsKatakana(text[i + 1]);
                c = prevK && nextK ? 'ー' : '-';
            }
            else if (c is 'ー' or 'ｰ')
            {
                // The long-vowel mark is a dash only right after a number (14ー2), never inside a word (センター).
                var prev = n > 0 && !pendingSpace ? buf[n - 1] : '\0';
                if (IsDigit(prev) || KanjiDigit(prev) >= 0 && (n < 2 || !IsKana(buf[n - 2]))) c = '-';
                else c = 'ー';
            }
            Emit(buf, ref n, c, ref pendingSpace);
        }
        // A very long text's buffer is not kept.
        t_cleanBuffer = buf.Length <= 8192 ? buf : null;
        // Often nothing changed after all: the input is the result (no copy).
        return buf.AsSpan(0, n).SequenceEqual(text) ? text : new string(buf, 0, n);
    }

    private static bool IsKana(char c) => c is >= '\u3041' and <= '\u30FF';

    private static bool IsKatakana(char c) => c is >= '\u30A1' and <= '\u30FA' or 'ー';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Flush(char[] buf, ref int n, ref bool pendingSpace)
    {
        if (pendingSpace) { buf[n++] = ' '; pendingSpace = false; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(char[] buf, ref int n, char c, ref bool pendingSpace)
    {
        Flush(buf, ref n, ref pendingSpace);
        buf[n++] = c;
    }

    /// <summary>Folds one character for matching (variant kanji, katakana → hiragana, ヶ/ケ/が, の/ノ/之, small kana).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char FoldChar(char c)
    {
        if (c < 0x3000) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        if (c is >= '\u30A1' and <= '\u30F6') c = (char)(c - 0x60); // katakana → hiragana (ヵ→ゕ, ヶ→ゖ)
        switch (c)
        {
            case 'ゕ' or 'ゖ' or 'が' or 'け' or 'げ': return 'け';
            case 'ぁ': return 'あ';
            case 'ぃ': return 'い';
            case 'ぅ': return 'う';
            case 'ぇ': return 'え';
            case 'ぉ': return 'お';
            case 'っ': return 'つ';
            case 'ゃ': return 'や';
            case 'ゅ': return 'ゆ';
            case 'ょ': return 'よ';
            case 'ゎ': return 'わ';
            case 'ゑ': return 'え';
            case 'ゐ': return 'い';
            case '之' or '丿': return 'の';
        }
        return VariantKanji.Fold(c);
    }

    /// <summary>
    /// <see cref="FoldChar"/> of every character, or '\0' for those <see cref="Fold"/> treats on their own (space, digits,
    /// kanji numerals, 丁, and '\0' itself): one lookup per character in the common case.
    /// </summary>
    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var table = new char[65536];
        for (var i = 1; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = c == ' ' || c == '丁' || IsDigit(c) || IsKanjiNumeral(c) ? '\0' : FoldChar(c);
        }
        return table;
    }

    /// <summary>
    /// Writes the matching key of <paramref name="s"/> into <paramref name="f"/> (capacity ≥ 2·len + 8) and,
    /// for each key position, the clean-text position it came from into <paramref name="map"/> (same capacity + 1).
    /// Number runs (Arabic or kanji, 二十五 = 25) become their decimal value, so 三丁目, 3丁目 and 三丁目 fold alike.
    /// </summary>
    public static int Fold(ReadOnlySpan<char> s, Span<char> f, Span<int> map)
    {
        var table = FoldTable;
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var folded = table[c];
            if (folded != '\0')
            {
                map[n] = i;
                f[n++] = folded;
                i++;
                continue;
            }
            if (c == ' ') { i++; continue; }
            if (IsDigit(c) || IsKanjiNumeral(c))
            {
                var start = i;
                var value = ParseNumber(s, ref i);
                if (value < 0)
                {
                    // Too long to be a number: copy the run as it is.
                    for (var k = start; k < i; k++) { map[n] = k; f[n++] = s[k]; }
                    continue;
                }
                var before = n;
                n += WriteInt(value, f[n..]);
                for (var k = before; k < n; k++) map[k] = start;
                continue;
            }
            map[n] = i;
            // 番丁 and 番町 are written for each other (七番丁 / 7番町).
            f[n] = c == '丁' && n > 0 && f[n - 1] == '番' ? '町' : FoldChar(c);
            n++;
            i++;
        }
        map[n] = s.Length;
        return n;
    }

    /// <summary>
    /// Parses an Arabic or a kanji number run at <paramref name="i"/> (advancing it). Kanji: digit by digit (一二三 = 123)
    /// or with 十百千 (二十五 = 25). Returns −1 when the run is too long for a number (the run is still consumed).
    /// </summary>
    public static int ParseNumber(ReadOnlySpan<char> s, ref int i)
    {
        if (IsDigit(s[i]))
        {
            long v = 0;
            var start = i;
            while (i < s.Length && IsDigit(s[i])) { v = Math.Min(v * 10 + (s[i] - '0'), int.MaxValue); i++; }
            return i - start > 9 ? -1 : (int)v;
        }
        long total = 0;
        long cur = -1;
        var len = 0;
        while (i < s.Length)
        {
            var d = KanjiDigit(s[i]);
            if (d >= 0) cur = cur < 0 ? d : Math.Min(cur * 10 + d, int.MaxValue);
            else
            {
                var u = KanjiUnit(s[i]);
                if (u == 0) break;
                total += (cur < 0 ? 1 : cur) * u;
                cur = -1;
            }
            i++;
            len++;
        }
        if (len > 9) return -1;
        return (int)Math.Min(total + Math.Max(cur, 0), int.MaxValue);
    }

    private static int WriteInt(int value, Span<char> dest)
    {
        value.TryFormat(dest, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>A character that stands for an unreadable one: U+FFFD (mojibake) or '?'.</summary>
    public static bool IsWildcard(char c) => c is '\uFFFD' or '?';

    public static bool HasWildcard(ReadOnlySpan<char> f, int limit)
    {
        var n = Math.Min(f.Length, limit);
        for (var i = 0; i < n; i++) if (IsWildcard(f[i])) return true;
        return false;
    }

    /// <summary>
    /// Length of <paramref name="text"/> consumed when <paramref name="key"/> matches its start, a run of 1–3 wildcards
    /// standing for one character of the key (a kanji garbled into U+FFFD); −1 when it does not match.
    /// </summary>
    public static int WildcardPrefix(ReadOnlySpan<char> text, string key)
    {
        var i = 0;
        var wild = false;
        foreach (var k in key)
        {
            if (i >= text.Length) return -1;
            if (IsWildcard(text[i]))
            {
                var run = 0;
                while (i < text.Length && run < 3 && IsWildcard(text[i])) { i++; run++; }
                wild = true;
                continue;
            }
            if (text[i] != k) return -1;
            i++;
        }
        return wild ? i : -1;
    }

    /// <summary>The folded key of a name (for registry indexes and comparisons).</summary>
    public static string Key(string name)
    {
        var s = Clean(name);
        var f = new char[s.Length * 2 + 8];
        var map = new int[s.Length * 2 + 9];
        var n = Fold(s, f, map);
        return new string(f, 0, n);
    }
}
