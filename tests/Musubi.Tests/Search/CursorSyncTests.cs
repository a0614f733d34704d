using Musubi.Search;
using static Musubi.Tests.Search.SearchFixtures;

namespace Musubi.Tests.Search;

public class CursorSyncTests
{
    private static SearchDocument Park(int i) => Record(
        $"park-{i:D3}",
        // Titles of a few shapes, so that scores differ and many documents tie exactly.
        (i % 4) switch { 0 => "公園", 1 => "公園 公園 休憩所", 2 => "中央公園の多目的トイレと駐車場", _ => "公園" },
        "131041", "public-toilet", 35.60 + (i % 17 * 0.003), 139.70 + (i % 13 * 0.002), minutes: i % 9);

    public static TheoryData<SearchSort> Sorts => [SearchSort.Relevance, SearchSort.Modified, SearchSort.Distance];

    [Theory]
    [MemberData(nameof(Sorts))]
    public void Pages_have_no_duplicates_and_skip_nothing_while_documents_change(SearchSort sort)
    {
        using var index = SearchIndex.CreateInMemory();
        index.Upsert(Enumerable.Range(0, 60).Select(Park));
        index.Commit(1);
        var request = new SearchRequest { Text = "公園", Sort = sort, Size = 7, Near = sort == SearchSort.Distance ? new GeoNear(35.62, 139.71, 50_000) : null };

        var seen = new List<string>();
        var page = index.Search(request);
        seen.AddRange(page.Hits.Select(h => h.Id));
        var deleted = new HashSet<string>();
        var round = 0;
        while (page.NextCursor is not null)
        {
            round++;
            // Between pages: add documents (they sort anywhere) and remove some seen and some not yet seen.
            index.Upsert(Enumerable.Range(100 + (round * 5), 5).Select(Park));
            var gone = new[] { $"park-{(round * 7) % 60:D3}", $"park-{(round * 11 + 3) % 60:D3}" };
            index.Delete(gone);
            foreach (var g in gone) deleted.Add(g);
            index.Commit(1 + round);
            page = index.Search(request with { Cursor = page.NextCursor });
            seen.AddRange(page.Hits.Select(h => h.Id));
            Assert.True(round < 50, "paging did not end");
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var survivors = Enumerable.Range(0, 60).Select(i => $"park-{i:D3}").Where(id => !deleted.Contains(id));
        Assert.Empty(survivors.Except(seen));
    }

    [Fact]
    public void Pages_follow_one_total_order_when_nothing_changes()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Upsert(Enumerable.Range(0, 45).Select(Park));
        index.Commit(1);
        var all = index.Search(new SearchRequest { Text = "公園", Size = 100 }).Hits.Select(h => h.Id).ToList();
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var p = index.Search(new SearchRequest { Text = "公園", Size = 4, Cursor = cursor });
            paged.AddRange(p.Hits.Select(h => h.Id));
            cursor = p.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(all, paged);
        Assert.Equal(45, all.Count);
    }

    [Fact]
    public void Scores_do_not_depend_on_the_rest_of_the_index()
    {
        using var small = Index(Park(1), Park(2));
        using var large = SearchIndex.CreateInMemory();
        large.Upsert(Enumerable.Range(0, 200).Select(Park));
        large.Commit(1);
        float ScoreOf(SearchIndex ix, string id) => ix.Search(new SearchRequest { Text = "公園 トイレ", Size = 1000 }).Hits.Single(h => h.Id == id).Score;
        Assert.Equal(ScoreOf(small, "park-002"), ScoreOf(large, "park-002"));
    }

    [Fact]
    public void Index_folder_resumes_from_the_last_committed_change()
    {
        var dir = Path.Combine(Path.GetTempPath(), "musubi-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var index = SearchIndex.Open(dir))
            {
                Assert.True(index.NeedsRebuild);
                Assert.Equal(0, index.LastChangeSeq);
                index.Rebuild([Park(1), Park(2)], 10);
                Assert.False(index.NeedsRebuild);
                index.Upsert([Park(3)]);
                index.Commit(12);
                index.Upsert([Park(4)]); // never committed: lost, and replayed from the feed after the restart
            }
            using (var index = SearchIndex.Open(dir))
            {
                Assert.False(index.NeedsRebuild);
                Assert.Equal(12, index.LastChangeSeq);
                Assert.Equal(3, index.Count);
                Assert.Equal(["park-001", "park-002", "park-003"], index.Ids("公園").Order());
                Assert.Throws<ArgumentException>(() => index.Commit(11));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void An_unreadable_folder_is_emptied_and_a_held_one_is_refused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "musubi-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "segments_1"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
            File.WriteAllText(Path.Combine(dir, "segments.gen"), "garbage");
            using (var index = SearchIndex.Open(dir))
            {
                Assert.NotNull(index.RecoveryNote);
                Assert.Contains(dir, index.RecoveryNote);
                Assert.True(index.NeedsRebuild);
                index.Rebuild([Park(1)], 3);
                var e = Assert.Throws<IOException>(() => SearchIndex.Open(dir));
                Assert.Contains("in use", e.Message);
            }
            using var again = SearchIndex.Open(dir);
            Assert.Null(again.RecoveryNote);
            Assert.Equal(3, again.LastChangeSeq);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Rebuild_replaces_everything_and_searches_see_the_old_contents_until_it_commits()
    {
        using var index = Index(Park(1), Park(2));
        IEnumerable<SearchDocument> Slow()
        {
            yield return Dataset("new-1", "新しい公園");
            Assert.Equal(2, index.Count); // the rebuild is not visible yet
            Assert.Equal(["park-001", "park-002"], index.Ids("公園").Order());
            yield return Dataset("new-2", "別の公園");
        }
        index.Rebuild(Slow(), 99);
        Assert.Equal(["new-1", "new-2"], index.Ids("公園").Order());
        Assert.Equal(99, index.LastChangeSeq);

        IEnumerable<SearchDocument> Failing()
        {
            yield return Dataset("x", "壊れる公園");
            throw new IOException("store went away");
        }
        Assert.Throws<IOException>(() => index.Rebuild(Failing(), 120));
        Assert.Equal(["new-1", "new-2"], index.Ids("公園").Order());
        Assert.Equal(99, index.LastChangeSeq);
        index.Upsert([Dataset("after", "公園の後")]); // the writer still works after the failed rebuild
        index.Commit(100);
        Assert.Equal(3, index.Count);
    }

    private sealed class MemoryFeed : ISearchChangeFeed
    {
        public readonly Dictionary<string, SearchDocument> Current = [];
        public readonly List<SearchChange> Log = [];

        public void Put(SearchDocument d)
        {
            Current[d.Id] = d;
            Log.Add(new SearchChange(Log.Count + 1, d.Id, d));
        }

        public void Remove(string id)
        {
            Current.Remove(id);
            Log.Add(new SearchChange(Log.Count + 1, id, null));
        }

        public long CurrentSeq() => Log.Count;

        public IReadOnlyList<SearchChange> ChangesAfter(long afterSeq, int limit) => [.. Log.Where(c => c.Seq > afterSeq).Take(limit)];

        public IEnumerable<SearchDocument> AllDocuments() => [.. Current.Values];
    }

    [Fact]
    public void Sync_rebuilds_a_new_index_then_applies_the_feed_in_batches()
    {
        var feed = new MemoryFeed();
        for (var i = 0; i < 10; i++) feed.Put(Park(i));
        using var index = SearchIndex.CreateInMemory();
        Assert.Equal(0, SearchIndexSync.CatchUp(index, feed, batchSize: 3));
        Assert.Equal(10, index.Count);
        Assert.Equal(10, index.LastChangeSeq);

        feed.Put(Park(20));
        feed.Remove("park-003");
        feed.Put(Park(3)); // deleted then back: order inside a batch is kept
        feed.Remove("park-004");
        feed.Put(Park(21) with { Title = "改名した広場" });
        Assert.Equal(5, SearchIndexSync.CatchUp(index, feed, batchSize: 2));
        Assert.Equal(15, index.LastChangeSeq);
        Assert.Equal(feed.Current.Keys.Order(), index.Search(new SearchRequest { Size = 100 }).Hits.Select(h => h.Id).Order());
        Assert.Equal(0, SearchIndexSync.CatchUp(index, feed));
    }

    [Fact]
    public async Task Concurrent_searches_during_writes_see_whole_commits()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Upsert(Enumerable.Range(0, 50).Select(Park));
        index.Commit(1);
        var errors = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Each commit adds 10 documents at once: a search sees a multiple of 10.
                var r = index.Search(new SearchRequest { Text = "公園", Size = 5, Facets = [SearchFacet.Municipality] });
                if (r.Total % 10 != 0) Interlocked.Increment(ref errors);
            }
        })).ToArray();
        for (var round = 0; round < 20; round++)
        {
            index.Upsert(Enumerable.Range(1000 + (round * 10), 10).Select(Park));
            index.Commit(2 + round);
        }
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Equal(0, errors);
        Assert.Equal(250, index.Count);
    }
}
