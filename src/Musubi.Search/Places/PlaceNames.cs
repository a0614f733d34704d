using System.Collections.Concurrent;
using Musubi.Registry;
using Musubi.Search.Analysis;

namespace Musubi.Search.Places;

/// <summary>
/// Place keywords from the local-government registry. A document of 京都市北区 gets the places 京都府, 京都 (the
/// prefecture without 府), 京都府京都市北区, 京都市北区, 京都市, 京都 (the city without 市) and 北区; a query term equal to one of them is a
/// place match (boost <c>place</c> in data/search/weights.json). A name is shortened by one trailing 都/府/県/市/区/町/村
/// only when at least two characters remain (北区 gives no 北; 北海道 stays whole), so a 1-character query is never a place.
/// </summary>
/// <remarks>
/// <para>The pair index finds 京都 inside 東京都. The rule: when a query term T is a place name, an occurrence of T in
/// text counts only if it is not inside a <em>false container</em>: another single registry name (a prefecture, city or
/// ward, whole or shortened) in which T appears after its first character (東京都 for 京都, 東大阪市 for 大阪); the
/// container is the character before T plus T (東京都, 東大阪).
/// A document still matches through its own place keywords (東大阪市's documents are in 大阪府) or through any other
/// occurrence of T (「京都への修学旅行」 in a 東京都 dataset). So a 東京都 document is dropped from 「京都」 only when
/// nothing but the 京都 inside 東京都 explains the match.</para>
/// </remarks>
public sealed class PlaceNames
{
    private static readonly Lazy<PlaceNames> LazyDefault = new(() => new PlaceNames(LocalGovernmentRegistry.Default));

    private readonly LocalGovernmentRegistry _registry;
    private readonly HashSet<string> _forms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unitForms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _containers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _byCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _parents = new(StringComparer.Ordinal);

    public static PlaceNames Default => LazyDefault.Value;

    public PlaceNames(LocalGovernmentRegistry registry)
    {
        _registry = registry;
        foreach (var g in registry.All)
        {
            foreach (var f in FormsOf(g)) _forms.Add(f);
            foreach (var f in FormsOf(g, unitsOnly: true)) _unitForms.Add(f);
        }
    }

    /// <summary>Version of the place data, part of the index's analysis version.</summary>
    public string Version => $"places-1;{_registry.Info.Date};{_registry.All.Count}";

    /// <summary>True when the folded term is the name of some prefecture or municipality (in one of its forms).</summary>
    public bool IsPlace(string folded) => _forms.Contains(folded);

    /// <summary>Folded place keywords of a document with these codes (prefecture derived from the municipality).</summary>
    public IReadOnlyList<string> KeywordsOf(string? prefectureCode, string? municipalityCode)
    {
        var key = (prefectureCode ?? "") + "/" + (municipalityCode ?? "");
        return _byCodes.GetOrAdd(key, _ =>
        {
            var set = new List<string>();
            void Add(LocalGovernment? g)
            {
                if (g is null) return;
                foreach (var f in FormsOf(g))
                    if (!set.Contains(f)) set.Add(f);
            }
            var m = _registry.ByCode(municipalityCode);
            Add(m);
            if (m is not null) Add(_registry.ByCode(m.PrefectureCode));
            Add(_registry.ByCode(prefectureCode));
            return [.. set];
        });
    }

    /// <summary>The designated city's code for one of its wards (京都市北区 → 京都市), else null.</summary>
    public string? ParentCityCode(string? municipalityCode)
    {
        if (municipalityCode is null) return null;
        var r = _parents.GetOrAdd(municipalityCode, code =>
            _registry.ByCode(code) is { Kind: LocalGovernmentKind.Ward, City: { } c } ward
                ? _registry.ByCityName(c).FirstOrDefault(g => g.Prefecture == ward.Prefecture && g.Kind == LocalGovernmentKind.DesignatedCity)?.Code ?? ""
                : "");
        return r.Length == 0 ? null : r;
    }

    /// <summary>False containers of a place term (folded): 京都 → [東京都]; empty for a term that is not a place.</summary>
    public IReadOnlyList<string> FalseContainers(string folded)
    {
        if (!IsPlace(folded)) return [];
        return _containers.GetOrAdd(folded, t =>
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            // Only single names (a prefecture, city or ward, whole or shortened): in 大阪府大阪市 or 京都市北区 the
            // second name is still that place, not a false container.
            foreach (var f in _unitForms)
            {
                for (var i = f.IndexOf(t, 1, StringComparison.Ordinal); i > 0; i = i + 1 < f.Length ? f.IndexOf(t, i + 1, StringComparison.Ordinal) : -1)
                    found.Add(f[(i - 1)..(i + t.Length)]);
            }
            // A container that is itself a name of the place (e.g. a form beginning with T) is not false.
            found.RemoveWhere(c => c.StartsWith(t, StringComparison.Ordinal));
            return [.. found];
        });
    }

    internal static IEnumerable<string> FormsOf(LocalGovernment g, bool unitsOnly = false)
    {
        var forms = new List<string>(6);
        void Add(string? name, bool shorten)
        {
            if (string.IsNullOrEmpty(name)) return;
            var f = SearchText.Fold(name);
            if (!forms.Contains(f)) forms.Add(f);
            if (shorten && f.Length >= 3 && f[^1] is '都' or '府' or '県' or '市' or '区' or '町' or '村' && f != "北海道")
            {
                var s = f[..^1];
                if (!forms.Contains(s)) forms.Add(s);
            }
        }
        if (g.Kind == LocalGovernmentKind.Prefecture)
        {
            Add(g.Prefecture, shorten: true);
            return forms;
        }
        Add(g.City, shorten: true);
        Add(g.Ward, shorten: true);
        if (unitsOnly) return forms;
        Add(g.CityName, shorten: false);
        Add(g.FullName, shorten: false);
        return forms;
    }
}
