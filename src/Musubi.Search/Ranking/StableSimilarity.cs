using System.Collections.Frozen;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Musubi.Search.Ranking;

/// <summary>
/// BM25 whose idf is constant and whose average field length is fixed per field (from the weights file), so that a
/// document's score is a function of the document and the query alone — not of how many other documents exist or how
/// long they are. That makes relevance-ordered cursors exact while the index changes, and nodes agree on ranking.
/// Norms are encoded as plain BM25 does, so the index format does not depend on the weights.
/// </summary>
internal sealed class StableSimilarity(SearchWeights weights) : PerFieldSimilarityWrapper
{
    // Built once: Get runs for every field of every query, from many threads.
    private readonly FrozenDictionary<string, FieldBm25> _byField = weights.AverageFieldLength
        .ToFrozenDictionary(kv => kv.Key, kv => new FieldBm25(weights.K1, weights.B, kv.Value), StringComparer.Ordinal);

    // Keyword fields (place, facets, filters) have no norms, so the average length does not matter for them.
    private readonly FieldBm25 _other = new(weights.K1, weights.B, 1f);

    public override Similarity Get(string name) => _byField.GetValueOrDefault(name) ?? _other;

    private sealed class FieldBm25(float k1, float b, float averageLength) : BM25Similarity(k1, b)
    {
        protected override float Idf(long docFreq, long numDocs) => 1f;

        protected override float AvgFieldLength(CollectionStatistics collectionStats) => averageLength;
    }
}
