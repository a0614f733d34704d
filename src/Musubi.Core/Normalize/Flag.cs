using Musubi.Chars;
using Musubi.Issues;
namespace Musubi.Normalize;

/// <summary>
/// Yes/no cells (Frictionless boolean with the field's own trueValues/falseValues; the first of each is canonical),
/// e.g. 有/無 fields and the 指定緊急避難場所 "1"/"" flags.
/// </summary>
/// <remarks>
/// Decisions: besides the field's own values, common spellings are accepted — true: 有 あり 有り ○ 〇 ◯ ● 1 可 はい Yes Y true ✓ ✔ レ;
/// false: 無 なし 無し × ✕ ✖ 0 不可 いいえ No N false － - ―; a synonym is used only when it is not one of the field's
/// values for the other side. A blank cell is false when the field's false values include "" (1/empty flags), otherwise
/// missing. "△" (partly/some) cannot be mapped and is kept as invalid (flag-partial, a warning). Without field values
/// the Frictionless defaults true/false are canonical.
/// </remarks>
public static class Flag
{
    private const string Canonical = "written as the field's own yes/no value";

    private static readonly string[] DefaultTrue = ["true"];
    private static readonly string[] DefaultFalse = ["false"];

    private static readonly string[] TrueSynonyms = ["有", "あり", "有り", "アリ", "○", "〇", "◯", "●", "1", "可", "はい", "yes", "y", "true", "t", "✓", "✔", "レ", "有効", "対応", "対応可"];
    private static readonly string[] FalseSynonyms = ["無", "なし", "無し", "ナシ", "×", "✕", "✖", "☓", "0", "不可", "いいえ", "no", "n", "false", "f", "-", "－", "―", "ー", "無効", "非対応", "対応不可"];

    // A plain Dictionary: building a FrozenDictionary cost ~40 ms of every conversion's start-up, and lookups here
    // are rare (results are memoized per distinct cell value).
    private static readonly Dictionary<string, bool> Synonyms =
        new(TrueSynonyms.Select(v => KeyValuePair.Create(v, true)).Concat(FalseSynonyms.Select(v => KeyValuePair.Create(v, false))),
            StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> SynonymLookup =
        Synonyms.GetAlternateLookup<ReadOnlySpan<char>>();

    public static Normalized Normalize(string raw, IReadOnlyList<string>? trueValues, IReadOnlyList<string>? falseValues)
    {
        var tv = trueValues is { Count: > 0 } ? trueValues : DefaultTrue;
        var fv = falseValues is { Count: > 0 } ? falseValues : DefaultFalse;
        if (raw == tv[0] || raw == fv[0])
        {
            return Normalized.Same(raw);
        }
        for (int i = 1; i < tv.Count; i++)
        {
            if (raw == tv[i])
            {
                return Normalized.Fix(tv[0], IssueCode.FlagNormalized, Canonical);
            }
        }
        for (int i = 1; i < fv.Count; i++)
        {
            if (raw == fv[i])
            {
                return Normalized.Fix(fv[0], IssueCode.FlagNormalized, Canonical);
            }
        }
        var t = CharText.Trim(raw);
        if (t.Length == 0)
        {
            if (Contains(fv, ""))
            {
                return raw.Length == 0 ? Normalized.Same(raw) : Normalized.Fix(fv[0], IssueCode.FlagNormalized, "blank means false");
            }
            return raw.Length == 0 ? Normalized.Same(raw) : Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
        }
        // "有（2台）", "あり※1階のみ": the word before the note decides; the note is not a yes/no value.
        if (WithoutNote(t) is { Length: > 0 } word && word.Length < t.Length)
        {
            var inner = Normalize(word, trueValues, falseValues);
            if (inner.Outcome != Outcome.Invalid)
            {
                var v = inner.Value;
                return Normalized.Fix(v, IssueCode.FlagNormalized, $"written as {(v.Length == 0 ? "blank" : v)}: the note '{t[word.Length..].ToString().Trim()}' is not part of a yes/no value");
            }
        }
        if (t.Length > 16)
        {
            return Normalized.Bad(raw, IssueCode.InvalidFlag, Expected(tv, fv));
        }
        Span<char> buf = stackalloc char[16];
        int n = 0;
        foreach (char ch in t)
        {
            char c = CharText.FoldWidth(ch);
            if (!CharText.IsSpace(c))
            {
                buf[n++] = c;
            }
        }
        ReadOnlySpan<char> s = buf[..n];
        bool isTrue = ContainsIgnoreCase(tv, s), isFalse = ContainsIgnoreCase(fv, s);
        if (!isTrue && !isFalse && SynonymLookup.TryGetValue(s, out bool synonym))
        {
            isTrue = synonym && !ContainsIgnoreCase(fv, s);
            isFalse = !synonym && !ContainsIgnoreCase(tv, s);
        }
        if (!isTrue && !isFalse && ValueRules.FlagWord(s) is { } word2)
        {
            isTrue = word2;
            isFalse = !word2;
        }
        if (isTrue == isFalse)
        {
            return s is "△" or "▲"
                ? Normalized.Bad(raw, IssueCode.FlagPartial, "△ (partly) cannot be written as yes or no")
                : Normalized.Bad(raw, IssueCode.InvalidFlag, Expected(tv, fv));
        }
        string canonical = isTrue ? tv[0] : fv[0];
        return canonical == raw ? Normalized.Same(raw) : Normalized.Fix(canonical, IssueCode.FlagNormalized, Canonical);
    }

    /// <summary>The text before a note in brackets or after ※ ("有（2台）" → "有"); the text itself without a note.</summary>
    private static string WithoutNote(ReadOnlySpan<char> t)
    {
        var cut = t.IndexOfAny("（(【[※");
        return (cut < 0 ? t : t[..cut]).Trim().ToString();
    }

    private static string Expected(IReadOnlyList<string> tv, IReadOnlyList<string> fv) =>
        $"expected {(tv[0].Length == 0 ? "blank" : tv[0])} or {(fv[0].Length == 0 ? "blank" : fv[0])}";

    private static bool Contains(IReadOnlyList<string> list, string s)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == s)
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContainsIgnoreCase(IReadOnlyList<string> list, ReadOnlySpan<char> s)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (s.Equals(list[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
