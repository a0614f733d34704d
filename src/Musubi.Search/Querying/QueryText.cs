using System.Text;
using Musubi.Search.Analysis;

namespace Musubi.Search.Querying;

/// <summary>One term of the query text, folded: a word or a "quoted phrase"; <see cref="Negated"/> for -term.</summary>
internal sealed record QueryTerm(string Text, bool Negated);

internal static class QueryText
{
    /// <summary>Longest query text considered, and most terms: bounded work whatever is typed.</summary>
    public const int MaxChars = 256;
    public const int MaxTerms = 16;

    public static List<QueryTerm> Parse(string? text)
    {
        var terms = new List<QueryTerm>();
        if (string.IsNullOrWhiteSpace(text)) return terms;
        var s = SearchText.Fold(text.Length > MaxChars ? text[..MaxChars] : text);
        var i = 0;
        while (i < s.Length && terms.Count < MaxTerms)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) break;
            var negated = false;
            if (s[i] == '-' && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]))
            {
                negated = true;
                i++;
            }
            var sb = new StringBuilder();
            if (s[i] == '"')
            {
                i++;
                while (i < s.Length && s[i] != '"') sb.Append(s[i++]);
                i++;
            }
            else
            {
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '"') sb.Append(s[i++]);
            }
            var t = sb.ToString().Trim();
            if (t.Length > 0) terms.Add(new QueryTerm(t, negated));
        }
        return terms;
    }
}
