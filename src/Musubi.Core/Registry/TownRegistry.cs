using Musubi.Address;
using Musubi.Store;

namespace Musubi.Registry;

/// <summary>A 小字 inside a town, with its own representative point.</summary>
public sealed record KoazaEntry(string Name, string Key, double? Lat, double? Lng);

/// <summary>One town (大字・町 + 丁目) of a municipality, as matched by the normalizer.</summary>
public sealed class TownEntry(string lgCode, string name, string? townId, double? lat, double? lng)
{
    public string LgCode { get; } = lgCode;
    public string Name { get; } = name;
    public string? TownId { get; } = townId;
    public double? Lat { get; internal set; } = lat;
    public double? Lng { get; internal set; } = lng;
    internal List<KoazaEntry>? Koaza { get; set; }
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
    private readonly Dictionary<string, CityTowns> _byCity = new(StringComparer.Ordinal);

    public static TownRegistry Empty { get; } = new([], null, null);

    public int Count { get; }

    public int CityCount => _byCity.Count;

    public RegistrySource Info { get; }

    private TownRegistry(IEnumerable<TownRecord> records, string? description, TownStoreInfo? info)
    {
        var byKey = new Dictionary<(string, string), TownEntry>();
        var count = 0;
        foreach (var r in records)
        {
            if (!byKey.TryGetValue((r.LgCode, r.Town), out var entry))
            {
                entry = new TownEntry(r.LgCode, r.Town, r.Koaza.Length == 0 ? r.TownId : null, r.Lat, r.Lng);
                byKey[(r.LgCode, r.Town)] = entry;
                if (!_byCity.TryGetValue(r.LgCode, out var city)) _byCity[r.LgCode] = city = new CityTowns();
                city.Towns.Add(entry);
                Index(city, entry);
                count++;
            }
            else if (r.Koaza.Length == 0)
            {
                // The town's own record (no 小字) gives the town's point.
                entry.Lat = r.Lat;
                entry.Lng = r.Lng;
            }
            if (r.Koaza.Length > 0)
                (entry.Koaza ??= []).Add(new KoazaEntry(r.Koaza, AddressText.Key(r.Koaza), r.Lat, r.Lng));
        }
        foreach (var e in byKey.Values)
            e.Koaza?.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
        // 町 is often left out (西小松川 for 西小松川町): alias keys for names of 3+ characters ending in 町, unless the
        // shorter name is a town of its own, the name is a numbered 町 (十六町) or the city is Kyoto (町 names are the rule there).
        foreach (var (code, city) in _byCity)
        {
            var hokkaido = code.StartsWith("01", StringComparison.Ordinal);
            foreach (var e in city.Towns.ToList())
            {
                var (baseName, chome) = SplitChome(e.Name);
                if (baseName.Length >= 3 && baseName.EndsWith('町') && !AddressText.IsKanjiNumeral(baseName[^2]))
                    AddAlias(city, AddressText.Key(baseName[..^1]), chome, e);
                // Hokkaido 条 towns: 月寒東三条十八丁目 is written 月寒東3-18, 北十六条西二丁目 as 北16西2.
                if (hokkaido && baseName.Contains('条'))
                {
                    var key = AddressText.Key(baseName);
                    var at = key.IndexOf('条');
                    if (at > 0 && AddressText.IsDigit(key[at - 1]))
                        AddAlias(city, at == key.Length - 1 ? key[..at] + "-" : key[..at] + key[(at + 1)..], chome, e);
                }
            }
        }
        Count = count;
        Info = description is null
            ? new RegistrySource("町字 (towns)", false, 0, "not imported: run 'musubi registry import-towns <path>'", "", "")
            : new RegistrySource("町字 (towns)", count > 0, count, $"{info?.Source} ({info?.Format}) in {description}",
                "as the imported source (geolonia japanese-addresses: CC BY 4.0; Address Base Registry: PDL1.0)", info?.ImportedAt ?? "");
    }

    /// <summary>Splits 奈佐原二丁目 into (奈佐原, 2); names without a numbered 丁目 give (name, 0).</summary>
    internal static (string Base, int Chome) SplitChome(string name)
    {
        if (name.Length < 3 || !name.EndsWith("丁目", StringComparison.Ordinal)) return (name, 0);
        var end = name.Length - 2;
        var start = end;
        while (start > 0 && (AddressText.IsKanjiNumeral(name[start - 1]) || AddressText.IsDigit(name[start - 1]))) start--;
        if (start == end) return (name, 0);
        var i = start;
        var n = AddressText.ParseNumber(name.AsSpan(0, end), ref i);
        return n > 0 ? (name[..start], n) : (name, 0);
    }

    private static void Index(CityTowns city, TownEntry entry)
    {
        var (baseName, chome) = SplitChome(entry.Name);
        var key = AddressText.Key(baseName);
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

    internal CityTowns? ForCity(string lgCode) => _byCity.GetValueOrDefault(lgCode);

    /// <summary>The towns of a municipality (empty when none were imported for it).</summary>
    public IReadOnlyList<TownEntry> TownsOf(string lgCode) => _byCity.TryGetValue(lgCode, out var c) ? c.Towns : [];

    /// <summary>Every town of every municipality.</summary>
    public IEnumerable<TownEntry> All => _byCity.Values.SelectMany(c => c.Towns);

    public bool HasCity(string lgCode) => _byCity.ContainsKey(lgCode);

    /// <summary>Builds a registry from records (tests, tools).</summary>
    public static TownRegistry FromRecords(IEnumerable<TownRecord> records, string description = "memory") =>
        new(records, description, null);

    /// <summary>
    /// Loads the imported towns: PostgreSQL when <paramref name="db"/> (or MUSUBI_DB) is set, else &lt;dataDir&gt;/musubi.db.
    /// Empty when nothing was imported.
    /// </summary>
    public static TownRegistry Load(string dataDir, string? db = null)
    {
        using var store = TownStores.OpenForRead(dataDir, TownStores.ResolveDb(db));
        if (store is null) return Empty;
        var info = store.Info();
        if (info is null || info.Towns == 0) return Empty;
        return new TownRegistry(store.ReadAll(), store.Description, info);
    }
}
