using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Musubi.Schemas;
using Musubi.Search.Analysis;
using Musubi.Search.Geo;
using Musubi.Search.Places;
using Musubi.Search.Ranking;

namespace Musubi.Search.Querying;

/// <summary>
/// Turns a request into one Lucene query. Each positive term must match (AND) one of: the document's whole text, its
/// place keywords (when the term is a place name), or its standard dataset (when the term is part of a standard's title
/// or keywords). Matches in the title, description and tags/keywords add to the score. A term is a phrase of its tokens
/// as the index tokenized them (pairs for Japanese runs). Filters are zero-scored clauses: they never change a score.
/// </summary>
internal sealed class QueryBuilder(Analyzer analyzer, SearchWeights weights, PlaceNames places, SchemaCatalog schemas)
{
    private static readonly string[] BoostFields = [IndexFields.Title, IndexFields.Description, IndexFields.Meta];

    // Folded title and keywords of each standard dataset, for matching a query term against them.
    private readonly (string Id, string[] Words)[] _standards =
        [.. schemas.All.Select(s => (s.Id, (string[])[SearchText.Fold(s.Title), .. s.Keywords.Select(SearchText.Fold)]))];

    public Query Build(SearchRequest request, out bool hasText)
    {
        var terms = QueryText.Parse(request.Text);
        var positives = terms.Where(t => !t.Negated).ToList();
        var root = new BooleanQuery();
        hasText = false;
        foreach (var term in terms)
        {
            var clause = TermClause(term.Text, place: !term.Negated);
            if (clause is null) continue;
            if (term.Negated)
            {
                root.Add(clause, Occur.MUST_NOT);
            }
            else
            {
                root.Add(clause, Occur.MUST);
                hasText = true;
            }
        }
        if (hasText)
        {
            var whole = string.Join(' ', positives.Select(t => t.Text));
            if (whole.Length <= IndexFields.MaxExactTitle)
                root.Add(new TermQuery(new Term(IndexFields.TitleExact, IndexFields.Compact(whole))) { Boost = weights.ExactTitle }, Occur.SHOULD);
            if (positives.Count > 1)
            {
                var tokens = Tokens(IndexFields.Title, whole);
                if (tokens.Count > 1) root.Add(new PhraseQuery().With(IndexFields.Title, tokens, weights.TitlePhrase), Occur.SHOULD);
            }
        }
        else
        {
            root.Add(new MatchAllDocsQuery(), Occur.MUST);
        }
        AddFilters(root, request);
        return root;
    }

    private Query? TermClause(string text, bool place)
    {
        var tokens = Tokens(IndexFields.AllText, text);
        if (tokens.Count == 0) return null;
        var containers = place ? places.FalseContainers(text) : [];
        var any = new BooleanQuery();
        var inText = containers.Count > 0 && Consecutive(tokens) ? WithoutContainers(IndexFields.AllText, tokens, containers) : Match(IndexFields.AllText, tokens);
        inText.Boost = weights.FieldBoost(IndexFields.AllText);
        any.Add(inText, Occur.SHOULD);
        if (places.IsPlace(text)) any.Add(new TermQuery(new Term(IndexFields.Place, text)) { Boost = weights.Place }, Occur.SHOULD);
        foreach (var (id, words) in _standards)
        {
            if (words.Any(w => w.Contains(text, StringComparison.Ordinal)))
                any.Add(new TermQuery(new Term(IndexFields.Standard, id)) { Boost = weights.FieldBoost("standard") }, Occur.SHOULD);
        }
        Query required = any.Clauses.Count == 1 ? inText : any;
        if (!place) return required; // a negated term: only whether it matches counts
        var clause = new BooleanQuery { { required, Occur.MUST } };
        foreach (var field in BoostFields)
        {
            var q = Match(field, tokens);
            q.Boost = weights.FieldBoost(field);
            clause.Add(q, Occur.SHOULD);
        }
        return clause;
    }

    private static Query Match(string field, List<(string Term, int Pos)> tokens) =>
        tokens.Count == 1 ? new TermQuery(new Term(field, tokens[0].Term)) : new PhraseQuery().With(field, tokens, 1f);

    private SpanQuery WithoutContainers(string field, List<(string Term, int Pos)> tokens, IReadOnlyList<string> containers)
    {
        var include = Span(field, tokens);
        var exclude = new SpanOrQuery([.. containers.Select(c => Span(field, Tokens(field, c)))]);
        return new SpanNotQuery(include, exclude);
    }

    private static SpanQuery Span(string field, List<(string Term, int Pos)> tokens) =>
        tokens.Count == 1
            ? new SpanTermQuery(new Term(field, tokens[0].Term))
            : new SpanNearQuery([.. tokens.Select(t => (SpanQuery)new SpanTermQuery(new Term(field, t.Term)))], 0, true);

    private static bool Consecutive(List<(string Term, int Pos)> tokens)
    {
        for (var i = 1; i < tokens.Count; i++)
            if (tokens[i].Pos != tokens[i - 1].Pos + 1) return false;
        return true;
    }

    /// <summary>
    /// The tokens of folded text as the index has them, keeping for each Japanese run of 2+ characters only its pairs
    /// (a single character covered by a pair adds nothing to a phrase), with the index's positions.
    /// </summary>
    internal List<(string Term, int Pos)> Tokens(string field, string folded)
    {
        var all = new List<(string Term, int Pos, string Type)>();
        using (var ts = analyzer.GetTokenStream(field, folded))
        {
            var term = ts.AddAttribute<ICharTermAttribute>();
            var inc = ts.AddAttribute<IPositionIncrementAttribute>();
            var type = ts.AddAttribute<ITypeAttribute>();
            ts.Reset();
            var pos = -1;
            while (ts.IncrementToken())
            {
                pos += inc.PositionIncrement;
                all.Add((term.ToString(), pos, type.Type));
            }
            ts.End();
        }
        var pairs = new HashSet<int>(all.Where(t => t.Type == CJKBigramFilter.DOUBLE_TYPE).Select(t => t.Pos));
        var result = new List<(string, int)>(all.Count);
        foreach (var t in all)
        {
            if (t.Type == CJKBigramFilter.SINGLE_TYPE && (pairs.Contains(t.Pos) || pairs.Contains(t.Pos - 1))) continue;
            result.Add((t.Term, t.Pos));
        }
        if (result.Count > 0 && result[0].Item2 != 0) result = [.. result.Select(t => (t.Item1, t.Item2 - result[0].Item2))];
        return result;
    }

    private static void AddFilters(BooleanQuery root, SearchRequest r)
    {
        void Filter(Query q) => root.Add(new ConstantScoreQuery(q) { Boost = 0 }, Occur.MUST);
        if (r.Kind is { } kind) Filter(new TermQuery(new Term(IndexFields.Kind, IndexFields.KindValue(kind))));
        foreach (var (facet, values) in r.Filters)
        {
            if (values.Count == 0) continue;
            var any = new BooleanQuery();
            foreach (var v in values.Distinct()) any.Add(new TermQuery(new Term(IndexFields.FacetField(facet), IndexFields.FacetValue(facet, v))), Occur.SHOULD);
            Filter(any);
        }
        foreach (var (name, value) in r.FieldFilters)
            Filter(new TermQuery(new Term(IndexFields.RecordField(name), IndexFields.Compact(SearchText.Fold(value)))));
        var boxes = new List<GeoBox>();
        if (r.Box is { } b) boxes.Add(b);
        if (r.Near is { } n) boxes.Add(GeoMath.BoxAround(n));
        foreach (var box in boxes)
        {
            var cells = new BooleanQuery();
            foreach (var c in GeoCells.Cover(box)) cells.Add(new TermQuery(new Term(GeoCells.Field, c)), Occur.SHOULD);
            Filter(cells);
        }
    }
}

internal static class PhraseQueryExtensions
{
    public static PhraseQuery With(this PhraseQuery q, string field, List<(string Term, int Pos)> tokens, float boost)
    {
        foreach (var (term, pos) in tokens) q.Add(new Term(field, term), pos);
        q.Boost = boost;
        return q;
    }
}
