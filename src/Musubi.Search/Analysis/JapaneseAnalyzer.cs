using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Musubi.Search.Analysis;

/// <summary>
/// Tokens for text that has gone through <see cref="SearchText.Fold"/>: Unicode word tokens for Latin letters and
/// digits (StandardTokenizer), and for runs of kanji/kana both single characters and overlapping pairs
/// (CJKBigramFilter with unigrams). Kuromoji is not served by this workplace's NuGet, and a dictionary tokenizer
/// would miss 避難 inside 避難所 anyway (shared/reference/hub/japanese-search.md §3); pairs find any 2-character word,
/// single characters find 1-character queries, and a phrase of pairs finds longer words.
/// </summary>
/// <remarks>
/// Unigrams and bigrams, bigram i at the position of character i. A query is analyzed the same way and then keeps,
/// for each run of n ≥ 2 characters, only its n−1 bigrams as a phrase at the same positions
/// (<c>QueryBuilder.Tokens</c>), so 公園 never matches 公 … 園 far apart; a lone character stays a unigram.
/// </remarks>
public sealed class JapaneseAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Keeps phrases and pairs from spanning two values of a multi-valued field.</summary>
    public const int ValueGap = 100;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader) { MaxTokenLength = 255 };
        TokenStream stream = new CJKBigramFilter(source, CJKScript.ALL, outputUnigrams: true);
        return new TokenStreamComponents(source, stream);
    }

    public override int GetPositionIncrementGap(string fieldName) => ValueGap;
}
