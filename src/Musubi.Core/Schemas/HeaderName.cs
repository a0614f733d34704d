using System.Text;

namespace Musubi.Schemas;

/// <summary>
/// Folds a column name into a comparable key: NFKC (full-width and half-width kana), no spaces or newlines,
/// no （必須）-style suffixes, one kind of bracket, lower case. Two names with the same key mean the same column.
/// </summary>
public static class HeaderName
{
    private static readonly string[] Suffixes = ["(必須)", "【必須】", "[必須]", "(任意)", "【任意】", "(推奨)", "【推奨】", "※", "*"];

    public static string Key(string name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var s = name.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch) || ch == '\u200B' || ch == '\uFEFF') continue;
            sb.Append(ch switch
            {
                '【' or '[' or '〔' or '「' or '{' => '(',
                '】' or ']' or '〕' or '」' or '}' => ')',
                '－' or '‐' or '―' or '—' or '−' => '-',
                '〇' => '○',
                _ => char.ToLowerInvariant(ch),
            });
        }
        var key = sb.ToString();
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var suffix in Suffixes)
            {
                if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal))
                {
                    key = key[..^suffix.Length];
                    changed = true;
                }
            }
        }
        return key;
    }

    /// <summary>Levenshtein distance, capped: returns cap+1 as soon as the distance must exceed cap.</summary>
    public static int Distance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) > cap) return cap + 1;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > cap) return cap + 1;
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
