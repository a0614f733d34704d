namespace Musubi.Search;

/// <summary>
/// What the catalog's change feed drives. Changes are applied in sequence order; <see cref="Commit"/> makes everything
/// applied so far visible to searches and durable together with the sequence number of the last change it includes, so
/// after a restart a node resumes from <see cref="LastChangeSeq"/>. Upsert and delete are idempotent (replace or remove
/// by id), so re-applying changes after a crash between apply and commit is harmless.
/// </summary>
public interface ISearchIndexWriter
{
    /// <summary>Sequence number stored by the last <see cref="Commit"/> (0 for a new or rebuilt-needed index).</summary>
    long LastChangeSeq { get; }

    /// <summary>True when the index was built by another analysis version (or is new): run a full rebuild.</summary>
    bool NeedsRebuild { get; }

    /// <summary>Adds or replaces documents by id. Not visible until <see cref="Commit"/>.</summary>
    void Upsert(IEnumerable<SearchDocument> documents);

    /// <summary>Removes documents by id (unknown ids are ignored). Not visible until <see cref="Commit"/>.</summary>
    void Delete(IEnumerable<string> ids);

    /// <summary>Makes the changes applied so far visible and durable, recording <paramref name="changeSeq"/>.</summary>
    void Commit(long changeSeq);

    /// <summary>
    /// Replaces the whole index by <paramref name="documents"/> in one commit recording <paramref name="changeSeq"/>.
    /// Searches keep seeing the previous contents until it finishes; on failure the previous contents stay.
    /// </summary>
    void Rebuild(IEnumerable<SearchDocument> documents, long changeSeq);
}

/// <summary>The engine: one writer, many concurrent searches over the last commit.</summary>
public interface ISearchIndex : ISearchIndexWriter, IDisposable
{
    /// <summary>Throws <see cref="SearchRequestException"/> for a bad request or cursor.</summary>
    SearchResults Search(SearchRequest request);

    /// <summary>Number of documents visible to searches.</summary>
    int Count { get; }
}

/// <summary>One change of the catalog's feed: the document as it is now, or its removal.</summary>
/// <param name="Seq">Strictly increasing change sequence number of the store.</param>
/// <param name="Document">The current document; null when <paramref name="Id"/> was deleted.</param>
public sealed record SearchChange(long Seq, string Id, SearchDocument? Document);

/// <summary>
/// What the catalog store provides (SQLite or PostgreSQL alike): its current sequence number, the changes after a
/// sequence number in order, and every current document for a rebuild. A change must carry the document's state at
/// read time (not a diff), so replaying a change twice gives the same index.
/// </summary>
public interface ISearchChangeFeed
{
    long CurrentSeq();

    /// <summary>Changes with Seq &gt; <paramref name="afterSeq"/>, ascending, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<SearchChange> ChangesAfter(long afterSeq, int limit);

    /// <summary>Every current document (streamed).</summary>
    IEnumerable<SearchDocument> AllDocuments();
}

/// <summary>Keeps an index current from a change feed.</summary>
public static class SearchIndexSync
{
    /// <summary>
    /// Rebuilds when the index needs it, then applies every change after <see cref="ISearchIndexWriter.LastChangeSeq"/>
    /// in batches, committing after each batch. Returns the number of changes applied.
    /// A rebuild takes the feed's sequence number before reading the documents and then catches up from it, so changes
    /// made while the documents are read are applied again (idempotently) rather than lost.
    /// </summary>
    public static int CatchUp(ISearchIndexWriter index, ISearchChangeFeed feed, int batchSize = 5000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (index.NeedsRebuild) Rebuild(index, feed);
        var applied = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changes = feed.ChangesAfter(index.LastChangeSeq, batchSize);
            if (changes.Count == 0) return applied;
            Apply(index, changes);
            applied += changes.Count;
        }
    }

    /// <summary>Full rebuild from the feed's documents, then the changes made meanwhile.</summary>
    public static void Rebuild(ISearchIndexWriter index, ISearchChangeFeed feed)
    {
        var seq = feed.CurrentSeq();
        index.Rebuild(feed.AllDocuments(), seq);
    }

    /// <summary>Applies changes (ascending Seq) and commits with the last one's Seq.</summary>
    public static void Apply(ISearchIndexWriter index, IReadOnlyList<SearchChange> changes)
    {
        if (changes.Count == 0) return;
        long last = index.LastChangeSeq;
        var upserts = new List<SearchDocument>();
        var deletes = new List<string>();
        // Consecutive upserts and deletes are batched; order between an upsert and a delete of the same id is kept by flushing.
        void Flush()
        {
            if (upserts.Count > 0) index.Upsert(upserts);
            if (deletes.Count > 0) index.Delete(deletes);
            upserts = [];
            deletes = [];
        }
        foreach (var c in changes)
        {
            if (c.Seq <= last) throw new ArgumentException($"change sequence numbers must increase: {c.Seq} after {last}");
            last = c.Seq;
            if (c.Document is { } d)
            {
                if (d.Id != c.Id) throw new ArgumentException($"change {c.Seq}: document id '{d.Id}' differs from '{c.Id}'");
                if (deletes.Count > 0) Flush();
                upserts.Add(d);
            }
            else
            {
                if (upserts.Count > 0) Flush();
                deletes.Add(c.Id);
            }
        }
        Flush();
        index.Commit(last);
    }
}
