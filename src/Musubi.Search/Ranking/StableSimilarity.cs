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
    private readonly Dictionary<string, FieldBm25> _byField = new(StringComparer.Ordinal);
    private readonly FieldBm25 _other = new(weights.K1, weights.B, 40f);
    private readonly Lock _lock = new();

    public override Similarity Get(string name)
    {
        lock (_lock)
        {
            if (_byField.TryGetValue(name, out var s)) return s;
            s = weights.AverageFieldLength.TryGetValue(name, out var avg) ? new FieldBm25(weights.K1, weights.B, avg) : _other;
            _byField[name] = s;
            return s;
        }
    }

    private sealed class FieldBm25(float k1, float b, float averageLength) : BM25Similarity(k1, b)
    {
        protected override float Idf(long docFreq, long numDocs) => 1f;

        protected override float AvgFieldLength(CollectionStatistics collectionStats) => averageLength;
    }
}
