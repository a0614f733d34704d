using Musubi.Chars;

namespace Musubi.Registry;

/// <summary>A 小字 inside a town, with its own representative point.</summary>
public sealed record KoazaEntry(string Name, string Key, double? Lat, double? Lng);

/// <summary>One town (大字・町 + 丁目) of a municipality, as matched by the normalizer.</summary>
public sealed class TownEntry(string lgCode, string name, string? townId, double? lat, double? lng)
{
    public string LgCode { get; } = lgCode;
    public string Name { get; } = name;
    public string? TownId { get; internal set; } = townId;
    public double? Lat { get; internal set; } = lat;
    public double? Lng { get; internal set; } = lng;
    internal List<KoazaEntry>? Koaza { get; set; }

    /// <summary>小字 by the first character of their key, longest first (some towns have hundreds of 小字).</summary>
    internal Dictionary<char, KoazaEntry[]>? KoazaByFirst { get; set; }

    /// <summary>The folded full name (for wildcard matching of garbled input).</summary>
    internal string FullKey { get; set; } = "";
}

/// <summary>Towns that share a base name: the plain town (e.g. 寿町) and its 丁目 (寿町一丁目 …) by number.</summary>
internal sealed class TownGroup
{
    public TownEntry? Plain;
    public Dictionary<int, TownEntry>? Chome;

    /// <summary>Only reachable through an alias key (町 left out, 条 written as a dash).</summary>
    public bool AliasOnly;
}

/// <summary>The towns of one municipality, indexed by folded base name.</summary>
internal sealed class CityTowns
{
    public readonly CharTrie<TownGroup> Trie = new();
    public readonly List<TownEntry> Towns = [];
}

/// <summary>
/// The imported town (町字) registry, held in memory with one trie per municipality.
/// Empty when nothing was imported: the normalizer then works down to municipality level.
/// </summary>
public sealed class TownRegistry
{
    // Records grouped by municipality; each municipality's index is built on first use, so a run that
    // touches a few municipalities (one address, one municipal file) does not pay for all 1,900.
    private readonly Dictionary<string, List<TownRecord>> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<CityTowns>> _byCity = new(StringComparer.Ordinal);

    public static TownRegistry Empty { get; } = new([], null, null);

    /// <summary>Number of distinct towns (大字・町 + 丁目) over all municipalities.</summary>
    public int Count { get; }

    public int CityCount => _byCity.Count;

    public RegistrySource Info { get; }

    private TownRegistry(IEnumerable<TownRecord> records, string? description, TownStoreInfo? info)
    {
        var distinct = new HashSet<(string, string)>();
        foreach (var r in records)
        {
            if (!_records.TryGetValue(r.LgCode, out var list))
            {
                _records[r.LgCode] = list = [];
                var code = r.LgCode;
                _byCity[code] = new Lazy<CityTowns>(() => Build(code, _records[code]), LazyThreadSafetyMode.ExecutionAndPublication);
            }
            list.Add(r);
            distinct.Add((r.LgCode, r.Town));
        }
        Count = distinct.Count;
        Info = description is null
            ? new RegistrySource("町字 (towns)", false, 0, "not imported: run 'musubi registry import-towns <path>'", "", "")
            : new RegistrySource("町字 (towns)", Count > 0, Count, $"{info?.Source} ({info?.Format}) in {description}",
                "as the imported source (geolonia japanese-addresses: CC BY 4.0; Address Base Registry: PDL1.0)", info?.ImportedAt ?? "");
    }

    private static CityTowns Build(string code, List<TownRecord> records)
    {
        var city = new CityTowns();
        var byName = new Dictionary<string, TownEntry>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (!byName.TryGetValue(r.Town, out var entry))
            {
                entry = new TownEntry(r.LgCode, r.Town, r.Koaza.Length == 0 ? r.TownId : null, r.Lat, r.Lng);
                byName[r.Town] = entry;
                entry.FullKey = JapaneseText.Key(r.Town);
                city.Towns.Add(entry);
                Index(city, entry);
            }
            else if (r.Koaza.Length == 0)
            {
                // The town's own record (no 小字) gives the town's point and id.
                entry.Lat = r.Lat;
                entry.Lng = r.Lng;
                entry.TownId ??= r.TownId;
            }
            if (r.Koaza.Length > 0)
                (entry.Koaza ??= []).Add(new KoazaEntry(r.Koaza, JapaneseText.Key(r.Koaza), r.Lat, r.Lng));
        }
        foreach (var e in city.Towns)
        {
            if (e.Koaza is null) continue;
            e.Koaza.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
            e.KoazaByFirst = e.Koaza.Where(k => k.Key.Length > 0).GroupBy(k => k.Key[0]).ToDictionary(g => g.Key, g => g.ToArray());
        }
        // 町 is often left out (西小松川 for 西小松川町): alias keys for names of 3+ characters ending in 町, unless the
        // shorter name is a town of its own or the name is a numbered 町 (十六町). An alias never matches when more of a
        // name follows it (see AddressNormalizer).
        var hokkaido = code.StartsWith("01", StringComparison.Ordinal);
        foreach (var e in city.Towns)
        {
            var (baseName, chome) = SplitChome(e.Name);
            if (baseName.Length >= 3 && baseName.EndsWith('町') && !JapaneseText.IsKanjiNumeral(baseName[^2]))
                AddAlias(city, JapaneseText.Key(baseName[..^1]), chome, e);
            // Hokkaido 条 towns: 月寒東三条十八丁目 is written 月寒東3-18, 北十六条西二丁目 as 北16西2.
            if (hokkaido && baseName.Contains('条'))
            {
                var key = JapaneseText.Key(baseName);
                var at = key.IndexOf('条');
                if (at > 0 && JapaneseText.IsDigit(key[at - 1]))
                    AddAlias(city, at == key.Length - 1 ? key[..at] + "-" : key[..at] + key[(at + 1)..], chome, e);
            }
        }
        return city;
    }

    /// <summary>Distinct (municipality code, town name) pairs, without building any index.</summary>
    internal IEnumerable<(string LgCode, string Town)> TownNames()
    {
        foreach (var (code, list) in _records)
        {
            string? last = null;
            foreach (var r in list)
            {
                if (r.Town == last) continue;
                last = r.Town;
                yield return (code, r.Town);
            }
        }
    }

    /// <summary>Splits 奈佐原二丁目 into (奈佐原, 2); names without a numbered 丁目 give (name, 0).</summary>
    internal static (string Base, int Chome) SplitChome(string name)
    {
        if (name.Length < 3 || !name.EndsWith("丁目", StringComparison.Ordinal)) return (name, 0);
        var end = name.Length - 2;
        var start = end;
        while (start > 0 && (JapaneseText.IsKanjiNumeral(name[start - 1]) || JapaneseText.IsDigit(name[start - 1]))) start--;
        if (start == end) return (name, 0);
        var i = start;
        var n = JapaneseText.ParseNumber(name.AsSpan(0, end), ref i);
        return n > 0 ? (name[..start], n) : (name, 0);
    }

    private static void Index(CityTowns city, TownEntry entry)
    {
        var (baseName, chome) = SplitChome(entry.Name);
        var key = JapaneseText.Key(baseName);
        AddKey(city, key, chome, entry);
        // 大字/字 are optional when written: index the name without them too.
        if (key.StartsWith("大字", StringComparison.Ordinal)) AddKey(city, key[2..], chome, entry);
        else if (key.StartsWith('字') && key.Length > 1) AddKey(city, key[1..], chome, entry);
    }

    private static void AddAlias(CityTowns city, string alias, int chome, TownEntry e)
    {
        if (alias.Length < 2) return;
        var existing = city.Trie.Get(alias);
        if (existing is not null && !existing.AliasOnly) return; // a real town of that name wins
        var group = city.Trie.GetOrAdd(alias, static () => new TownGroup { AliasOnly = true });
        if (chome == 0) group.Plain ??= e;
        else { group.Chome ??= []; group.Chome.TryAdd(chome, e); }
    }

    private static void AddKey(CityTowns city, string key, int chome, TownEntry entry)
    {
        var group = city.Trie.GetOrAdd(key, static () => new TownGroup());
        if (chome == 0) group.Plain ??= entry;
        else
        {
            group.Chome ??= [];
            group.Chome.TryAdd(chome, entry);
        }
    }

    internal CityTowns? ForCity(string lgCode) => _byCity.TryGetValue(lgCode, out var c) ? c.Value : null;

    /// <summary>The towns of a municipality (empty when none were imported for it).</summary>
    public IReadOnlyList<TownEntry> TownsOf(string lgCode) => ForCity(lgCode)?.Towns ?? [];

    /// <summary>Every town of every municipality (builds every index).</summary>
    public IEnumerable<TownEntry> All => _byCity.Values.SelectMany(c => c.Value.Towns);

    public bool HasCity(string lgCode) => _byCity.ContainsKey(lgCode);

    /// <summary>Builds a registry from records (tests, tools).</summary>
    public static TownRegistry FromRecords(IEnumerable<TownRecord> records, string description = "memory") =>
        new(records, description, null);

    /// <summary>Loads the imported towns from the store; empty when nothing was imported.</summary>
    public static TownRegistry Load(ITownStores stores)
    {
        using var store = stores.OpenForRead();
        if (store is null) return Empty;
        var info = store.Info();
        if (info is null || info.Towns == 0) return Empty;
        return new TownRegistry(store.ReadAll(), store.Description, info);
    }
}
