using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Musubi.Search;

namespace Musubi.Bench;

/// <summary>
/// Whole-process search benchmark: builds an index of generated records and datasets in a folder (or reopens one),
/// then measures in-process latency per query class, single-threaded, and throughput with one searching thread per core.
/// Baselines in the same run: a raw Lucene term lookup by id and a raw MatchAllDocs top-10 on the same index.
/// Usage: Musubi.Bench search --dir DIR [--records N] [--datasets N] [--queries N] [--reuse]
/// </summary>
public static class SearchTimer
{
    public static int Run(string[] args)
    {
        string? dir = null;
        int records = 1_000_000, datasets = 100_000, queries = 2000;
        bool reuse = false, breakdown = false, portal = false;
        string? only = null;
        var mmap = false;
        var merge = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dir": dir = args[++i]; break;
                case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--datasets": datasets = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--queries": queries = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--reuse": reuse = true; break;
                case "--breakdown": breakdown = true; break;
                // The portal's cache-miss queries (scripts/bench/portal-vary*.lua) over the portal's own index folder
                // (DATA/search-index of a `musubi serve` on the portal-store; --reuse is implied).
                case "--portal": portal = true; reuse = true; break;
                // Only the cases whose name contains this (for perf stat / perf record of one query class).
                case "--only": only = args[++i]; break;
                // Lucene's MMapDirectory instead of the engine's in-memory files (the A/B of issue 14's engine pass).
                case "--mmap": mmap = true; break;
                // Merge the (reused) index down to N segments first.
                case "--merge": merge = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            }
        }
        if (dir is null)
        {
            Console.Error.WriteLine("search: --dir is required");
            return 2;
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");

        if (!reuse || !System.IO.Directory.Exists(dir))
        {
            if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, true);
            var gen = Stopwatch.StartNew();
            var n = SearchCorpus.Records(records).Count() + SearchCorpus.Datasets(datasets).Count();
            Console.WriteLine($"generate only (baseline for the build): {n:N0} documents in {gen.Elapsed.TotalSeconds:F1} s");
            var sw = Stopwatch.StartNew();
            using (var index = SearchIndex.Open(dir, new SearchIndexOptions { RamBufferMB = 256 }))
            {
                index.Rebuild(SearchCorpus.Records(records).Concat(SearchCorpus.Datasets(datasets)), 1);
                Console.WriteLine($"build: {records:N0} records + {datasets:N0} datasets in {sw.Elapsed.TotalSeconds:F1} s ({(records + datasets) / sw.Elapsed.TotalSeconds:N0} docs/s), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
            }
        }
        var bytes = new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        var openSw = Stopwatch.StartNew();
        using var ix = SearchIndex.Open(dir, new SearchIndexOptions { MemoryMapped = mmap });
        if (merge > 0)
        {
            var mergeSw = Stopwatch.StartNew();
            ix.Optimize(merge);
            Console.WriteLine($"merged to {merge} segment(s) in {mergeSw.Elapsed.TotalSeconds:F1} s");
        }
        Console.WriteLine($"index: {ix.Count:N0} documents, {bytes / 1048576.0:F0} MB on disk, opened in {openSw.ElapsedMilliseconds} ms");

        using var raw = DirectoryReader.Open(FSDirectory.Open(dir));
        var rawSearcher = new IndexSearcher(raw);
        Console.WriteLine($"segments: {raw.Leaves.Count}");
        var rnd = new Random(42);
        var ids = SearchCorpus.Records(2000).Select(d => d.Id).ToArray();
        var prefs = Enumerable.Range(1, 47).Select(p => Musubi.Registry.LocalGovernmentCode.FromFiveDigits(p.ToString("D2", CultureInfo.InvariantCulture) + "000").Value).ToArray();
        string[] keywords = ["公園", "避難所", "トイレ", "AED", "保育園 桜", "図書館", "小学校 体育館", "温泉", "中央 公民館", "消火栓", "クリニック", "駅前", "こども園", "美術館", "防災", "人口統計"];
        string[] shortOnes = ["市", "園", "町", "公園", "避難", "人口", "京都", "東京"];
        SearchFacet[] allFacets = [SearchFacet.Prefecture, SearchFacet.Municipality, SearchFacet.Standard, SearchFacet.Category, SearchFacet.Format, SearchFacet.Licence];
        var munis = SearchCorpus.Municipalities();

        SearchRequest KeywordPref(Random r) => new()
        {
            Text = keywords[r.Next(keywords.Length)],
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Prefecture] = [prefs[r.Next(prefs.Length)]] },
            Facets = allFacets,
        };
        var cases = new List<(string Name, Func<Random, object> Make, Action<object> Run)>
        {
            ("baseline: Lucene TermQuery(id) top-1", r => ids[r.Next(ids.Length)], q => rawSearcher.Search(new TermQuery(new Term("id", (string)q)), 1)),
            ("baseline: Lucene MatchAllDocs top-10", _ => 0, _ => rawSearcher.Search(new MatchAllDocsQuery(), 10)),
            ("(a) keyword + prefecture filter + 6 facets", r => KeywordPref(r), q => ix.Search((SearchRequest)q)),
            ("(a) keyword + kind=dataset + 6 facets", r => new SearchRequest { Text = keywords[r.Next(keywords.Length)], Kind = SearchKind.Dataset, Facets = allFacets }, q => ix.Search((SearchRequest)q)),
            ("(a) keyword, all kinds + 6 facets (no filter)", r => new SearchRequest { Text = keywords[r.Next(keywords.Length)], Facets = allFacets }, q => ix.Search((SearchRequest)q)),
            ("(b) near= 1 km, records, standard facet", r => Near(r, munis, 1000), q => ix.Search((SearchRequest)q)),
            ("(b) near= 5 km, records, standard facet", r => Near(r, munis, 5000), q => ix.Search((SearchRequest)q)),
            ("(c) 1-char (市 園 町), all, no facets", r => new SearchRequest { Text = shortOnes[r.Next(3)] }, q => ix.Search((SearchRequest)q)),
            ("(c) 2-char (公園 避難 人口 京都 東京), all, no facets", r => new SearchRequest { Text = shortOnes[3 + r.Next(5)] }, q => ix.Search((SearchRequest)q)),
            ("(c) 2-char, kind=dataset + 6 facets", r => new SearchRequest { Text = shortOnes[3 + r.Next(5)], Kind = SearchKind.Dataset, Facets = allFacets }, q => ix.Search((SearchRequest)q)),
            ("(c) 1-char, kind=dataset + 6 facets", r => new SearchRequest { Text = shortOnes[r.Next(3)], Kind = SearchKind.Dataset, Facets = allFacets }, q => ix.Search((SearchRequest)q)),
        };
        if (portal) cases = [.. cases.Take(2), .. PortalCases(ix, prefs)];
        if (only is not null) cases = [.. cases.Where(c => c.Name.Contains(only, StringComparison.Ordinal))];
        if (breakdown)
        {
            cases.Insert(3, ("(a) breakdown: size=0", r => KeywordPref(r) with { Size = 0 }, q => ix.Search((SearchRequest)q)));
            cases.Insert(4, ("(a) breakdown: no facets", r => KeywordPref(r) with { Facets = [] }, q => ix.Search((SearchRequest)q)));
            cases.Insert(5, ("(a) breakdown: size=0, no facets", r => KeywordPref(r) with { Size = 0, Facets = [] }, q => ix.Search((SearchRequest)q)));
            cases.Insert(6, ("(a) breakdown: query build only", r => KeywordPref(r), q => ix.BuildQuery((SearchRequest)q)));
            cases.Insert(7, ("(a) breakdown: raw Lucene hit count of the same query", r => ix.BuildQuery(KeywordPref(r)), q => rawSearcher.Search((Query)q, new TotalHitCountCollector())));
            cases.Insert(8, ("(a) breakdown: raw Lucene top-20 of the same query", r => ix.BuildQuery(KeywordPref(r)), q => rawSearcher.Search((Query)q, 20)));
            cases.Add(("(b) breakdown: 5 km, size=0, no facets", r => Near(r, munis, 5000) with { Size = 0, Facets = [] }, q => ix.Search((SearchRequest)q)));
            cases.Add(("(b) breakdown: raw Lucene hit count of the 5 km cells", r => ix.BuildQuery(Near(r, munis, 5000)), q => rawSearcher.Search((Query)q, new TotalHitCountCollector())));
        }

        Console.WriteLine();
        Console.WriteLine("| query | p50 ms | p99 ms | mean ms | CPU ms/query | mean hits | req/s, 1 thread | req/s, " + Environment.ProcessorCount + " threads |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var all0 = queries;
        foreach (var (name, make, run) in cases)
        {
            // Queries that match most of the index take ~100 ms each: fewer of them.
            queries = name.StartsWith("(c) 1-char", StringComparison.Ordinal) || name.Contains("no filter", StringComparison.Ordinal) ? Math.Min(all0, 300) : all0;
            var inputs = Enumerable.Range(0, queries).Select(_ => make(rnd)).ToArray();
            for (var i = 0; i < Math.Min(100, queries); i++) run(inputs[i]); // warm-up
            var times = new double[queries];
            long hitTotal = 0;
            // CPU time of this process over the single-threaded loop: less noisy than wall time on a shared machine.
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var all = Stopwatch.StartNew();
            for (var i = 0; i < queries; i++)
            {
                var t = Stopwatch.GetTimestamp();
                run(inputs[i]);
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            var single = queries / all.Elapsed.TotalSeconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / queries;
            if (inputs[0] is SearchRequest) hitTotal = inputs.Take(100).Sum(q => (long)ix.Search((SearchRequest)q).Total);
            Array.Sort(times);
            var par = Stopwatch.StartNew();
            Parallel.For(0, queries, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => run(inputs[i]));
            var multi = queries / par.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {times[queries / 2]:F2} | {times[(int)(queries * 0.99)]:F2} | {times.Average():F2} | {cpuMs:F3} | {(inputs[0] is SearchRequest ? (hitTotal / 100.0).ToString("N0", CultureInfo.InvariantCulture) : "—")} | {single:N0} | {multi:N0} |"));
        }
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;
    }

    // The machine is shared: the load average says how much of the two cores the run really had.
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>The requests of portal-vary.lua, portal-varyds.lua and portal-varynear.lua, as SearchQuery.Parse makes them.</summary>
    private static IEnumerable<(string Name, Func<Random, object> Make, Action<object> Run)> PortalCases(SearchIndex ix, string[] prefs)
    {
        string[] recordWords = ["公民館", "公園", "AED", "駅前", "体育館", "市役所", "小学校", "図書館"];
        string[] datasetWords = ["AED", "一覧", "防災", "人口", "公園", "設置", "令和", "予算"];
        SearchFacet[] seven = [SearchFacet.Kind, SearchFacet.Prefecture, SearchFacet.Municipality, SearchFacet.Standard, SearchFacet.Category, SearchFacet.Format, SearchFacet.Licence];
        SearchRequest Vary(Random r, string[] words, SearchKind kind) => new()
        {
            Text = words[r.Next(words.Length)],
            Kind = kind,
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Prefecture] = [prefs[r.Next(prefs.Length)]] },
            Facets = seven,
            FacetLimit = 20,
            Size = 20 + r.Next(30),
        };
        void Run(object q) => ix.Search((SearchRequest)q);
        yield return ("portal-vary: word + pref + kind=record, 7 facets", r => Vary(r, recordWords, SearchKind.Record), Run);
        yield return ("portal-varyds: word + pref + kind=dataset, 7 facets", r => Vary(r, datasetWords, SearchKind.Dataset), Run);
        yield return ("portal-varynear: near 1 km, std=aed, 20", r => new SearchRequest
        {
            Kind = SearchKind.Record,
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Standard] = ["aed"] },
            Near = new GeoNear(35.60 + (r.Next(100) * 0.002), 139.60 + (r.Next(100) * 0.002), 1000),
            Size = 20,
        }, Run);
    }

    private static SearchRequest Near(Random r, List<SearchCorpus.Municipality> munis, double radius)
    {
        var m = munis[(int)(Math.Pow(r.NextDouble(), 1.6) * munis.Count)];
        return new SearchRequest
        {
            Kind = SearchKind.Record,
            Near = new GeoNear(m.Lat + ((r.NextDouble() - 0.5) * 0.03), m.Lon + ((r.NextDouble() - 0.5) * 0.03), radius),
            Facets = [SearchFacet.Standard],
        };
    }
}
