using Musubi.Chars;
using Musubi.Embedded;

namespace Musubi.Registry;

/// <summary>
/// Every prefecture, municipality and designated-city ward with its 全国地方公共団体コード
/// (embedded data/registry/local-governments.csv; regenerate with scripts/registry/build.mjs).
/// Abolished codes (e.g. 浜松市中区 until 2024) stay known so that old data can still be read.
/// </summary>
public sealed class LocalGovernmentRegistry
{
    private static readonly Lazy<LocalGovernmentRegistry> LazyDefault = new(() => Load(EmbeddedData.Lines("registry/local-governments.csv")));

    private readonly Dictionary<string, LocalGovernment> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalGovernment> _prefByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LocalGovernment>> _cityByKey = new(StringComparer.Ordinal);

    public static LocalGovernmentRegistry Default => LazyDefault.Value;

    public IReadOnlyList<LocalGovernment> All { get; }

    public IReadOnlyList<LocalGovernment> Prefectures { get; }

    public RegistrySource Info { get; }

    private LocalGovernmentRegistry(List<LocalGovernment> all)
    {
        All = all;
        foreach (var g in all) _byCode[g.Code] = g;
        Prefectures = all.Where(g => g.Kind == LocalGovernmentKind.Prefecture).ToList();
        foreach (var p in Prefectures)
        {
            _prefByKey[JapaneseText.Key(p.Prefecture)] = p;
            _prefByKey[JapaneseText.Key(ShortPrefectureName(p.Prefecture))] = p;
        }
        foreach (var g in all.Where(g => g.Kind != LocalGovernmentKind.Prefecture))
        {
            foreach (var name in NameVariants(g))
            {
                var key = JapaneseText.Key(name);
                if (!_cityByKey.TryGetValue(key, out var list)) _cityByKey[key] = list = [];
                if (!list.Contains(g)) list.Add(g);
            }
        }
        // Current entries before abolished ones with the same name.
        foreach (var list in _cityByKey.Values) list.Sort((a, b) => (a.IsCurrent ? 0 : 1).CompareTo(b.IsCurrent ? 0 : 1));
        Info = RegistrySource.FromMeta("local-governments.csv", all.Count);
    }

    /// <summary>The names under which a municipality may be written: with and without 郡, designated city + ward.</summary>
    internal static IEnumerable<string> NameVariants(LocalGovernment g)
    {
        if (g.Kind == LocalGovernmentKind.Prefecture) yield break;
        yield return g.CityName;
        if (g.County is not null) yield return (g.City ?? "") + (g.Ward ?? "");
        // Island names written before the municipality (東京都八丈島八丈町, 三宅島三宅村; addresses.md §1.6 step 8).
        if (g.Prefecture == "東京都" && g.City is "八丈町" or "三宅村") yield return (g.City == "八丈町" ? "八丈島" : "三宅島") + g.City;
    }

    /// <summary>北海道 stays; 東京都 → 東京, 大阪府 → 大阪, 神奈川県 → 神奈川.</summary>
    public static string ShortPrefectureName(string name) =>
        name == "北海道" ? name : name.Length > 2 && name[^1] is '都' or '府' or '県' ? name[..^1] : name;

    internal static LocalGovernmentRegistry Load(IEnumerable<string> csvLines)
    {
        var all = new List<LocalGovernment>();
        foreach (var line in csvLines.Skip(1))
        {
            if (line.Length == 0) continue;
            var p = line.Split(',');
            var kind = p[1] switch
            {
                "prefecture" => LocalGovernmentKind.Prefecture,
                "designated-city" => LocalGovernmentKind.DesignatedCity,
                "city" => LocalGovernmentKind.City,
                "special-ward" => LocalGovernmentKind.SpecialWard,
                "town" => LocalGovernmentKind.Town,
                "village" => LocalGovernmentKind.Village,
                "ward" => LocalGovernmentKind.Ward,
                _ => throw new InvalidDataException($"unknown kind '{p[1]}' in local-governments.csv"),
            };
            static string? N(string s) => s.Length == 0 ? null : s;
            all.Add(new LocalGovernment(p[0], kind, p[2], N(p[3]), N(p[4]), N(p[5]), p[6], N(p[7])));
        }
        return new LocalGovernmentRegistry(all);
    }

    /// <summary>The entry for a 6-digit code (current or abolished), or null.</summary>
    public LocalGovernment? ByCode(string? code6) =>
        code6 is not null && _byCode.TryGetValue(code6.Trim(), out var g) ? g : null;

    public bool IsKnown(string? code6) => ByCode(code6) is not null;

    /// <summary>
    /// Repairs a code as found in municipal files: 6 digits with a valid check digit, 5 digits (check digit added),
    /// a 6-digit code that lost its leading zero (92011 → 092011) or a 4-digit one (1100 → 011002). Null when unknown.
    /// </summary>
    public LocalGovernment? ByLooseCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var c = JapaneseText.Clean(code).Trim();
        if (c.Length == 0 || !c.All(JapaneseText.IsDigit)) return null;
        if (c.Length == 6) return LocalGovernmentCode.IsValid(c) ? ByCode(c) : null;
        if (c.Length == 5)
        {
            var asSix = "0" + c;
            if (LocalGovernmentCode.IsValid(asSix) && ByCode(asSix) is { } g) return g;
            return LocalGovernmentCode.PrefectureOk(c) ? ByCode(c + LocalGovernmentCode.CheckDigitChar(c)) : null;
        }
        if (c.Length == 4) return LocalGovernmentCode.PrefectureOk("0" + c) ? ByCode("0" + c + LocalGovernmentCode.CheckDigitChar("0" + c)) : null;
        return null;
    }

    /// <summary>
    /// True when <paramref name="code"/> lies within <paramref name="container"/>: the same code, a municipality of that
    /// prefecture, or a ward of that designated city. For checking an address's code against a row's code.
    /// </summary>
    public bool IsWithin(string? code, string? container)
    {
        var g = ByCode(code);
        var c = ByCode(container);
        if (g is null || c is null) return false;
        if (g.Code == c.Code) return true;
        if (c.Kind == LocalGovernmentKind.Prefecture) return g.Prefecture == c.Prefecture;
        if (c.Kind == LocalGovernmentKind.DesignatedCity) return g.Kind == LocalGovernmentKind.Ward && g.Prefecture == c.Prefecture && g.City == c.City;
        return false;
    }

    /// <summary>A prefecture by name (東京都 or 東京), or null.</summary>
    public LocalGovernment? ByPrefectureName(string name) =>
        _prefByKey.TryGetValue(JapaneseText.Key(name), out var g) ? g : null;

    /// <summary>Municipalities and wards with this name (郡 optional, 政令市 + ward), current ones first, in every prefecture.</summary>
    public IReadOnlyList<LocalGovernment> ByCityName(string cityName) =>
        _cityByKey.TryGetValue(JapaneseText.Key(cityName), out var list) ? list : [];

    /// <summary>The municipality or ward with this name in this prefecture, preferring current codes; null when unknown.</summary>
    public LocalGovernment? ByName(string prefecture, string cityName)
    {
        var pref = ByPrefectureName(prefecture);
        if (pref is null) return null;
        foreach (var g in ByCityName(cityName))
            if (g.Prefecture == pref.Prefecture) return g;
        return null;
    }

    internal IEnumerable<KeyValuePair<string, List<LocalGovernment>>> CityKeys => _cityByKey;

    internal IEnumerable<KeyValuePair<string, LocalGovernment>> PrefectureKeys => _prefByKey;
}
