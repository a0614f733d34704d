using System.Text;
using Musubi.Chars;
using Musubi.Registry;

namespace Musubi.Address;

/// <summary>
/// Free-text Japanese address → prefecture, municipality, town, 番地・号, building, codes and representative point.
/// Matching runs on a folded key (see <see cref="JapaneseText"/>) with tries, longest name first, and checks each
/// candidate against the next level (an ambiguous city such as 府中市 is decided by its towns). Linear in the input;
/// input beyond <see cref="JapaneseText.MaxInput"/> characters is ignored. Thread-safe: one instance can serve every thread.
/// </summary>
public sealed partial class AddressNormalizer
{
    private const int MaxCandidates = 16;

    /// <summary>Hint codes remembered per thread: a table's rows repeat a few (11100 and 111007 alternate in one file).</summary>
    private const int HintSlots = 4;

    private sealed class PrefNode(LocalGovernment pref)
    {
        public readonly LocalGovernment Pref = pref;
    }

    private readonly record struct TownMatch(LocalGovernment Gov, TownEntry Entry, KoazaEntry? Koaza, int End);

    private sealed class Scratch
    {
        public char[] F = new char[256];
        public int[] Map = new int[257];
        public readonly int[] PrefLens = new int[MaxCandidates];
        public readonly PrefNode?[] PrefVals = new PrefNode?[MaxCandidates];
        public readonly int[] CityLens = new int[MaxCandidates];
        public readonly List<LocalGovernment>?[] CityVals = new List<LocalGovernment>?[MaxCandidates];
        public readonly int[] TownLens = new int[MaxCandidates];
        public readonly TownGroup?[] TownVals = new TownGroup?[MaxCandidates];
        public readonly StringBuilder Rest = new(32);

        /// <summary>Municipality-level results without the rest, by municipality (at most one per local government).</summary>
        public readonly Dictionary<LocalGovernment, AddressResult> CityOnly = new(ReferenceEqualityComparer.Instance);
        public AddressNormalizer? HintOwner;
        public readonly string?[] HintCodes = new string?[HintSlots];
        public readonly LocalGovernment?[] HintGovs = new LocalGovernment?[HintSlots];
        public int HintNext;

        /// <summary>One past the last folded position the current match looked at (or compared the length with).</summary>
        public int Horizon;
    }

    /// <summary>Records that matching looked at the folded key up to (not including) <paramref name="end"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Touch(Scratch sc, int end)
    {
        if (end > sc.Horizon) sc.Horizon = end;
    }

    [ThreadStatic] private static Scratch? t_scratch;

    private readonly CharTrie<PrefNode> _prefTrie = new();
    private readonly Dictionary<string, CharTrie<List<LocalGovernment>>> _cityTrieByPref = new(StringComparer.Ordinal);
    private readonly CharTrie<List<LocalGovernment>> _cityTrie = new();
    private readonly Dictionary<string, List<LocalGovernment>> _wards = new(StringComparer.Ordinal);

    /// <summary>Per-thread memo of the matching (null when disabled, for tests that compare with and without it).</summary>
    private readonly ThreadLocal<MatchMemo>? _memo;

    public LocalGovernmentRegistry Governments { get; }

    public TownRegistry Towns { get; }

    public AddressNormalizer(LocalGovernmentRegistry governments, TownRegistry towns) : this(governments, towns, memo: true) { }

    internal AddressNormalizer(LocalGovernmentRegistry governments, TownRegistry towns, bool memo)
    {
        _memo = memo ? new ThreadLocal<MatchMemo>(() => new MatchMemo()) : null;
        Governments = governments;
        Towns = towns;
        foreach (var (key, pref) in governments.PrefectureKeys) _prefTrie.GetOrAdd(key, () => new PrefNode(pref));
        foreach (var (key, govs) in governments.CityKeys)
        {
            _cityTrie.GetOrAdd(key, () => []).AddRange(govs);
            foreach (var g in govs)
            {
                if (!_cityTrieByPref.TryGetValue(g.Prefecture, out var trie)) _cityTrieByPref[g.Prefecture] = trie = new();
                var list = trie.GetOrAdd(key, () => []);
                if (!list.Contains(g)) list.Add(g);
            }
        }
        // Designated cities by (prefecture, city): looked up once per ward instead of scanning the registry.
        var designated = new Dictionary<(string, string?), LocalGovernment>();
        foreach (var p in governments.All)
        {
            if (p.Kind == LocalGovernmentKind.DesignatedCity) designated.TryAdd((p.Prefecture, p.City), p);
        }
        foreach (var g in governments.All)
        {
            if (g.Kind != LocalGovernmentKind.Ward || !g.IsCurrent) continue;
            // A ward written without its city (北区紫野…, as in a city's own files): same-named wards are told apart by town.
            var wardKey = JapaneseText.Key(g.Ward!);
            var wl = _cityTrie.GetOrAdd(wardKey, () => []);
            if (!wl.Contains(g)) wl.Add(g);
            var pl = _cityTrieByPref[g.Prefecture].GetOrAdd(wardKey, () => []);
            if (!pl.Contains(g)) pl.Add(g);
            if (!designated.TryGetValue((g.Prefecture, g.City), out var parent)) continue;
            if (!_wards.TryGetValue(parent.Code, out var list)) _wards[parent.Code] = list = [];
            list.Add(g);
        }
    }

    /// <summary>
    /// Normalizes one address. <paramref name="hintLgCode"/> (the row's 全国地方公共団体コード or the publisher's) resolves an
    /// omitted prefecture or municipality and breaks ties between same-named municipalities. Never throws.
    /// </summary>
    public AddressResult Normalize(string? text, string? hintLgCode = null) => Normalize(text, hintLgCode, cityLevelRest: true);

    /// <summary>
    /// <see cref="Normalize(string?, string?)"/>; with <paramref name="cityLevelRest"/> false, a result at municipality level
    /// found in the text leaves <see cref="AddressResult.Rest"/> and <see cref="AddressResult.Building"/> null (the convert
    /// step uses them only at town level, and splitting them costs a string per row).
    /// </summary>
    internal AddressResult Normalize(string? text, string? hintLgCode, bool cityLevelRest)
    {
        var sc = t_scratch ??= new Scratch();
        var s = SkipLeadingNote(JapaneseText.Clean(text));
        var hint = hintLgCode is null ? null : LooseCode(sc, hintLgCode);
        // A leading postal code (〒100-0001) is not part of the address; without another hint it says the municipality.
        if (SkipPostalCode(ref s) is { } zip && hint is null)
        {
            var entries = PostalCodeRegistry.Default.Lookup(zip);
            if (entries.Count > 0 && entries.All(e => e.LgCode == entries[0].LgCode)) hint = Governments.ByCode(entries[0].LgCode);
        }
        if (s.Length == 0) return AddressResult.None;
        var cap = s.Length * 2 + 8;
        if (sc.F.Length < cap) { sc.F = new char[cap]; sc.Map = new int[cap + 1]; }
        var n = JapaneseText.Fold(s, sc.F, sc.Map);
        var f = sc.F.AsSpan(0, n);
        var o = Match(sc, f, hint);

        if (o.Gov is not null && !o.Global)
        {
            var b = (Gov: o.Gov, o.End, o.Town);
            var cpos = sc.Map[b.End];
            if (b.Town is { } t)
            {
                return TownResult(sc, s, t);
            }
            if (!cityLevelRest)
            {
                // Without the rest the result depends on the municipality alone: one (immutable) result per municipality.
                if (!sc.CityOnly.TryGetValue(b.Gov, out var cached))
                    sc.CityOnly[b.Gov] = cached = new AddressResult { Pref = b.Gov.Prefecture, City = b.Gov.CityName, LgCode = b.Gov.Code, Level = 2 };
                return cached;
            }
            var (r2, b2) = SplitRest(s, cpos, town: false, sb: sc.Rest);
            return new AddressResult { Pref = b.Gov.Prefecture, City = b.Gov.CityName, Rest = r2, Building = b2, LgCode = b.Gov.Code, Level = 2 };
        }
        if (o.Global && o.Town is { } gt)
        {
            // Neither prefecture nor municipality written: a town name found in exactly one municipality decides.
            return TownResult(sc, s, gt);
        }
        if (o.PrefOnly is { } prefOnly)
        {
            var rest = s[sc.Map[o.PrefOnlyEnd]..].Trim();
            return new AddressResult { Pref = prefOnly.Prefecture, Rest = rest.Length == 0 ? null : rest, LgCode = prefOnly.Code, Level = 1 };
        }
        if (hint is not null)
        {
            // Nothing recognised in the text: the hint gives the municipality, the text is the rest.
            var g = hint;
            return new AddressResult
            {
                Pref = g.Prefecture,
                City = g.Kind == LocalGovernmentKind.Prefecture ? null : g.CityName,
                Rest = s,
                LgCode = g.Code,
                Level = g.Kind == LocalGovernmentKind.Prefecture ? 1 : 2,
            };
        }
        return new AddressResult { Rest = s };
    }

    /// <summary>
    /// Where the folded key names a prefecture, municipality and town: remembered per thread (see <see cref="MatchMemo"/>)
    /// by the part of the key the matching looked at, since the rows of one file share a few municipalities and towns.
    /// </summary>
    private Outcome Match(Scratch sc, ReadOnlySpan<char> f, LocalGovernment? hint)
    {
        // Wildcards (garbled text) send matching through whole-registry scans whose reach is not tracked: never memoized.
        var memo = _memo is { } m && !JapaneseText.HasWildcard(f, f.Length) ? m.Value : null;
        if (memo is not null && !memo.Active()) memo = null;
        if (memo is not null && memo.TryGet(f, hint, out var hit)) return hit;
        sc.Horizon = 0;
        var o = MatchUncached(sc, f, hint);
        memo?.Add(f, Math.Min(sc.Horizon, f.Length), hint, o);
        return o;
    }

    /// <summary>
    /// The matching itself. Every read of <paramref name="f"/> (and every comparison of a position with its length) is
    /// recorded with <see cref="Touch"/>, so that the outcome holds for any key that starts with the same characters.
    /// </summary>
    private Outcome MatchUncached(Scratch sc, ReadOnlySpan<char> f, LocalGovernment? hint)
    {
        // Prefecture candidates (longest first), then "no prefecture written".
        // (The candidate buffers of each level are separate, so nested matching never overwrites them.)
        var pc = _prefTrie.Prefixes(f, sc.PrefLens, sc.PrefVals, out var read);
        Touch(sc, read);
        var prefLens = sc.PrefLens;
        if (pc > 0 && prefLens[pc - 1] == 0) pc--; // (no empty key is stored; defensive)

        (LocalGovernment Gov, int End, TownMatch? Town)? best = null;
        LocalGovernment? prefOnly = null;
        var prefOnlyEnd = 0;
        for (var option = 0; option <= pc; option++)
        {
            var pref = option < pc ? sc.PrefVals[option]!.Pref : null;
            var pos = option < pc ? prefLens[option] : 0;
            if (pref is not null && prefOnly is null) { prefOnly = pref; prefOnlyEnd = pos; }
            if (pref is null && hint is not null && prefOnly is null && hint.Kind != LocalGovernmentKind.Prefecture)
            {
                // Prefecture omitted: restrict to the hint's prefecture first.
                var m0 = MatchCity(sc, f, pos, _cityTrieByPref.GetValueOrDefault(hint.Prefecture), hint, hint.Prefecture);
                if (m0 is { } r0 && (best is null || r0.Town is not null && best.Value.Town is null)) best = r0;
                if (best?.Town is not null) break;
            }
            var trie = pref is null ? _cityTrie : _cityTrieByPref.GetValueOrDefault(pref.Prefecture);
            var m = MatchCity(sc, f, pos, trie, hint, pref?.Prefecture);
            // Without towns, a longer reading that names a ward of the city found wins: "熊本市中央区…" read as 熊本(県) + the
            // hint 熊本市 must lose to 熊本市中央区, the ward the text writes (a municipality elsewhere never wins this way).
            if (m is { } r && (best is null || r.Town is not null && best.Value.Town is null
                || r.Town is null && best.Value.Town is null && r.End > best.Value.End && Governments.IsWithin(r.Gov.Code, best.Value.Gov.Code) && r.Gov.Code != best.Value.Gov.Code)) best = r;
            if (best?.Town is not null) break;
        }
        if (best is { } b) return new Outcome(b.Gov, b.End, b.Town, false, null, 0);
        // Neither prefecture nor municipality written: a town name found in exactly one municipality decides.
        if (hint is null && GlobalTown(sc, f, prefOnly, prefOnlyEnd) is { } gt) return new Outcome(gt.Gov, gt.End, gt, true, null, 0);
        return new Outcome(null, 0, null, false, prefOnly, prefOnlyEnd);
    }

    /// <summary><see cref="LocalGovernmentRegistry.ByLooseCode"/>, remembering the last few codes asked (rows of a table repeat them).</summary>
    private LocalGovernment? LooseCode(Scratch sc, string code)
    {
        if (!ReferenceEquals(sc.HintOwner, this))
        {
            Array.Clear(sc.HintCodes);
            Array.Clear(sc.HintGovs);
            sc.HintOwner = this;
        }
        for (var i = 0; i < HintSlots; i++)
            if (string.Equals(sc.HintCodes[i], code, StringComparison.Ordinal)) return sc.HintGovs[i];
        var gov = Governments.ByLooseCode(code);
        var slot = sc.HintNext;
        sc.HintNext = (slot + 1) % HintSlots;
        sc.HintCodes[slot] = code;
        sc.HintGovs[slot] = gov;
        return gov;
    }

    private static bool AllDesignated(List<LocalGovernment> govs)
    {
        foreach (var g in govs) if (g.Kind != LocalGovernmentKind.DesignatedCity) return false;
        return true;
    }

    /// <summary>A town-level result: the town (and 小字) found, the 番地・号 and building after it, the representative point.</summary>
    private static AddressResult TownResult(Scratch sc, string s, TownMatch t)
    {
        var (rest, building) = SplitRest(s, sc.Map[t.End], town: true, sb: sc.Rest);
        return new AddressResult
        {
            Pref = t.Gov.Prefecture,
            City = t.Gov.CityName,
            Town = t.Entry.Name,
            Koaza = t.Koaza?.Name,
            Rest = rest,
            Building = building,
            LgCode = t.Gov.Code,
            TownId = t.Entry.TownId,
            Lat = t.Koaza?.Lat ?? t.Entry.Lat,
            Lng = t.Koaza?.Lng ?? t.Entry.Lng,
            Level = 3,
        };
    }

    /// <summary>Removes a leading postal code ("〒100-0001 ", "100-0001 ", "〒1000001") and returns its 7 digits.</summary>
    private static string? SkipPostalCode(ref string s)
    {
        var i = 0;
        var mark = s.Length > 0 && s[0] == '〒';
        if (mark) i++;
        while (i < s.Length && s[i] == ' ') i++;
        var start = i;
        Span<char> zip = stackalloc char[7];
        var n = 0;
        while (i < s.Length && n < 7 && (JapaneseText.IsDigit(s[i]) || (s[i] == '-' && n == 3)))
        {
            if (s[i] != '-') zip[n++] = s[i];
            i++;
        }
        if (n != 7 || (i < s.Length && JapaneseText.IsDigit(s[i]))) return null;
        // Without 〒, require the NNN-NNNN shape or a following space, so that a 番地 is never taken for a postal code.
        if (!mark && s.IndexOf('-', start, i - start) < 0 && !(i < s.Length && s[i] == ' ')) return null;
        while (i < s.Length && s[i] == ' ') i++;
        s = s[i..];
        return new string(zip);
    }

    /// <summary>A leading bracketed note such as "(前期)" is not part of the address.</summary>
    private static string SkipLeadingNote(string s)
    {
        if (s.Length < 3 || s[0] is not ('(' or '[' or '「' or '【' or '<' or '〈' or '《')) return s;
        var close = s[0] switch { '(' => ')', '[' => ']', '「' => '」', '【' => '】', '<' => '>', '〈' => '〉', _ => '》' };
        var end = s.IndexOf(close, 1);
        return end < 0 || end > 32 ? s : s[(end + 1)..].TrimStart();
    }

    private (LocalGovernment Gov, int End, TownMatch? Town)? MatchCity(
        Scratch sc, ReadOnlySpan<char> f, int pos, CharTrie<List<LocalGovernment>>? trie, LocalGovernment? hint, string? prefecture)
    {
        (LocalGovernment Gov, int End, TownMatch? Town)? fallback = null;
        if (trie is not null)
        {
            var cc = trie.Prefixes(f[pos..], sc.CityLens, sc.CityVals, out var read);
            Touch(sc, pos + read);
            var lens = sc.CityLens;
            var vals = sc.CityVals;
            for (var i = 0; i < cc; i++)
            {
                if (lens[i] == 0) continue;
                var govs = vals[i]!;
                var end = pos + lens[i];
                // 京都市北区 was written but its town is unknown: do not search every ward of 京都市 instead.
                if (fallback is not null && AllDesignated(govs)) continue;
                LocalGovernment? chosen = null;
                var distinct = 0;
                foreach (var g in govs)
                {
                    if (hint is not null && (g.Code == hint.Code || hint.Kind == LocalGovernmentKind.Prefecture && g.Prefecture == hint.Prefecture))
                    {
                        var th = MatchTown(sc, f, end, g);
                        if (th is not null) return (th.Value.Gov, end, th);
                    }
                }
                foreach (var g in govs)
                {
                    var t = MatchTown(sc, f, end, g);
                    if (t is not null) return (t.Value.Gov, end, t);
                    if (g.IsCurrent) distinct++;
                    chosen ??= g;
                }
                if (fallback is null)
                {
                    LocalGovernment? pick = null;
                    if (hint is not null)
                        pick = FirstWithCode(govs, hint.Code) ?? FirstInPrefecture(govs, hint.Prefecture);
                    if (pick is null && (distinct <= 1 || AllInPrefecture(govs, govs[0].Prefecture))) pick = chosen;
                    if (pick is not null) fallback = (pick, end, null);
                }
            }
        }
        // (No Touch for wildcard checks: only keys without any wildcard are memoized, and for them the check is false.)
        if (fallback is null && JapaneseText.HasWildcard(f[pos..], 8) && WildcardCity(sc, f, pos, prefecture) is { } wc) return wc;
        if (hint is not null && hint.Kind != LocalGovernmentKind.Prefecture && (prefecture is null || prefecture == hint.Prefecture)
            && (fallback is null || fallback.Value.Gov.Code == hint.Code || fallback.Value.Gov.Kind == LocalGovernmentKind.DesignatedCity))
        {
            // Municipality omitted (or only the designated city written): the hint's towns.
            var t = MatchTown(sc, f, fallback?.End ?? pos, hint);
            if (t is not null) return (t.Value.Gov, fallback?.End ?? pos, t);
            if (fallback is null && prefecture is not null) fallback = (hint, pos, null);
        }
        return fallback;
    }

    private static LocalGovernment? FirstWithCode(List<LocalGovernment> govs, string code)
    {
        foreach (var g in govs) if (g.Code == code) return g;
        return null;
    }

    private static LocalGovernment? FirstInPrefecture(List<LocalGovernment> govs, string prefecture)
    {
        foreach (var g in govs) if (g.Prefecture == prefecture) return g;
        return null;
    }

    private static bool AllInPrefecture(List<LocalGovernment> govs, string prefecture)
    {
        foreach (var g in govs) if (g.Prefecture != prefecture) return false;
        return true;
    }

    /// <summary>Garbled municipality name (群馬県��川市): the one name that matches with wildcards (its town decides a tie).</summary>
    private (LocalGovernment Gov, int End, TownMatch? Town)? WildcardCity(Scratch sc, ReadOnlySpan<char> f, int pos, string? prefecture)
    {
        var bestLen = -1;
        List<LocalGovernment> best = [];
        foreach (var (key, govs) in Governments.CityKeys)
        {
            var n = JapaneseText.WildcardPrefix(f[pos..], key);
            if (n < 0 || n < bestLen) continue;
            if (n > bestLen) { bestLen = n; best = []; }
            foreach (var g in govs)
                if ((prefecture is null || g.Prefecture == prefecture) && g.IsCurrent && !best.Contains(g)) best.Add(g);
        }
        if (best.Count == 0) return null;
        foreach (var g in best)
            if (MatchTown(sc, f, pos + bestLen, g) is { } t) return (g, pos + bestLen, t);
        return best.Count == 1 ? (best[0], pos + bestLen, null) : null;
    }

    private TownMatch? MatchTown(Scratch sc, ReadOnlySpan<char> f, int pos, LocalGovernment gov)
    {
        if (Towns.CityCount == 0) return null; // no town list imported: no municipality (nor ward) has towns
        var city = Towns.ForCity(gov.Code);
        if (city is null)
        {
            if (gov.Kind == LocalGovernmentKind.DesignatedCity && _wards.TryGetValue(gov.Code, out var wards))
            {
                foreach (var w in wards)
                    if (MatchTown(sc, f, pos, w) is { } tw) return tw;
            }
            return null;
        }
        var r = TownAt(sc, f, pos, city, gov, allowEmpty: true);
        Touch(sc, pos + 2); // the length check and StartsWith("大字")
        if (pos < f.Length)
        {
            // 大字/字 may be written or not, on either side: keep the longer match.
            TownMatch? r2 = null;
            if (f[pos..].StartsWith("大字")) r2 = TownAt(sc, f, pos + 2, city, gov, allowEmpty: true);
            else if (f[pos] == '字') r2 = TownAt(sc, f, pos + 1, city, gov, allowEmpty: true);
            if (r2 is not null && (r is null || r2.Value.End > r.Value.End)) r = r2;
        }
        if (IsKyoto(gov))
        {
            // Kyoto: street names (…通…上る) come before the town; the town follows the last direction word.
            Touch(sc, pos + 66); // AfterKyotoDirection reads up to pos + 64 and two past a direction word
            var after = AfterKyotoDirection(f, pos);
            if (after > pos && TownAt(sc, f, after, city, gov, allowEmpty: true) is { } rk) return rk;
            if (r is null)
            {
                var limit = Math.Min(f.Length, pos + 64);
                for (var q = pos + 1; q < limit && r is null; q++) r = TownAt(sc, f, q, city, gov, allowEmpty: false);
            }
        }
        if (r is null && JapaneseText.HasWildcard(f[pos..], 16)) r = WildcardTown(sc, f, pos, city, gov);
        return r;
    }

    /// <summary>Garbled input (紀 read as U+FFFD): the one town whose name matches with wildcards, longest first.</summary>
    private static TownMatch? WildcardTown(Scratch sc, ReadOnlySpan<char> f, int pos, CityTowns city, LocalGovernment gov)
    {
        TownEntry? best = null;
        var bestLen = -1;
        var tie = false;
        foreach (var e in city.Towns)
        {
            var n = JapaneseText.WildcardPrefix(f[pos..], e.FullKey);
            if (n < 0) continue;
            if (n > bestLen) { best = e; bestLen = n; tie = false; }
            else if (n == bestLen) tie = true;
        }
        return best is null || tie ? null : WithKoaza(sc, gov, best, f, pos + bestLen);
    }

    private Dictionary<string, List<string>>? _globalTowns;

    /// <summary>Folded town base name → municipalities that have it (built on first use).</summary>
    private Dictionary<string, List<string>> GlobalTowns()
    {
        if (_globalTowns is { } g) return g;
        var d = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (code, town) in Towns.TownNames())
        {
            var key = JapaneseText.Key(TownRegistry.SplitChome(town).Base);
            if (key.Length < 2) continue;
            if (!d.TryGetValue(key, out var list)) d[key] = list = [];
            if (!list.Contains(code)) list.Add(code);
        }
        Interlocked.CompareExchange(ref _globalTowns, d, null);
        return _globalTowns;
    }

    /// <summary>
    /// The municipality omitted (prefecture written or not): the longest town-name prefix of the text that exists in
    /// exactly one municipality (of that prefecture, when one was written) decides.
    /// </summary>
    private TownMatch? GlobalTown(Scratch sc, ReadOnlySpan<char> f, LocalGovernment? pref, int pos)
    {
        if (Towns.Count == 0) return null;
        Touch(sc, pos + 24); // the length checks and every prefix of up to 24 characters looked up
        if (f.Length - pos < 2) return null;
        var towns = GlobalTowns();
        var lookup = towns.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = f[pos..];
        for (var len = Math.Min(text.Length, 24); len >= 2; len--)
        {
            if (JapaneseText.IsDigit(text[len - 1]) || !lookup.TryGetValue(text[..len], out var codes)) continue;
            if (text[..len].ContainsAny("0123456789")) continue;
            LocalGovernment? only = null;
            foreach (var code in codes)
            {
                var g = Governments.ByCode(code);
                if (g is null || (pref is not null && g.Prefecture != pref.Prefecture)) continue;
                if (only is not null) return null; // several municipalities have this town
                only = g;
            }
            if (only is null) continue;
            var city = Towns.ForCity(only.Code);
            return city is null ? null : TownAt(sc, f, pos, city, only, allowEmpty: false);
        }
        return null;
    }

    private static bool IsKyoto(LocalGovernment g) => g.Code.StartsWith("2610", StringComparison.Ordinal);

    private static int AfterKyotoDirection(ReadOnlySpan<char> f, int pos)
    {
        var best = -1;
        var limit = Math.Min(f.Length, pos + 64);
        for (var i = pos; i + 1 < limit; i++)
        {
            var a = f[i];
            var c = f[i + 1];
            if ((a is '上' or '下' && c is 'る') || (a is '西' or '東' && c is '入'))
            {
                var e = i + 2;
                if (c == '入' && e < f.Length && f[e] == 'る') e++;
                best = e;
            }
        }
        return best;
    }

    private static TownMatch? TownAt(Scratch sc, ReadOnlySpan<char> f, int pos, CityTowns city, LocalGovernment gov, bool allowEmpty)
    {
        Touch(sc, pos);
        if (pos > f.Length) return null;
        var k = city.Trie.Prefixes(f[pos..], sc.TownLens, sc.TownVals, out var read);
        Touch(sc, pos + read);
        for (var i = 0; i < k; i++)
        {
            if (sc.TownLens[i] == 0 && !allowEmpty) continue;
            // An alias (町 left out, 条 as a dash) must not be followed by more of a name (豊里町新 ≠ 豊里町新中谷岐).
            var qa = pos + sc.TownLens[i];
            if (sc.TownVals[i]!.AliasOnly) Touch(sc, qa + 1);
            if (sc.TownVals[i]!.AliasOnly && qa < f.Length && !JapaneseText.IsDigit(f[qa]) && f[qa] != '-' && f[qa] != '番') continue;
            var group = sc.TownVals[i]!;
            var q = pos + sc.TownLens[i];
            if (group.Chome is not null) Touch(sc, q + 1);
            if (group.Chome is not null && q < f.Length && JapaneseText.IsDigit(f[q]))
            {
                var q2 = q;
                var num = 0;
                while (q2 < f.Length && JapaneseText.IsDigit(f[q2]) && num < 100000) num = num * 10 + (f[q2++] - '0');
                // The digits, the character after them, and 丁目/町目 (one more) when that character is 丁 or 町.
                Touch(sc, q2 < f.Length && f[q2] is '丁' or '町' ? q2 + 2 : q2 + 1);
                var accept = false;
                var q3 = q2;
                if (q2 >= f.Length) accept = true;
                else if (f[q2] == '丁')
                {
                    accept = true;
                    q3 = q2 + 1;
                    if (q3 < f.Length && f[q3] == '目') q3++;
                }
                else if (f[q2] == '町' && q2 + 1 < f.Length && f[q2 + 1] == '目') { accept = true; q3 = q2 + 2; }
                else if (f[q2] == '-') { accept = true; q3 = q2 + 1; }
                else if (f[q2] is not ('番' or '号' or 'の' or '条' or '地' or '線' or '区' or '.' or ',')) accept = true;
                if (accept && group.Chome.TryGetValue(num, out var e)) return WithKoaza(sc, gov, e, f, q3);
            }
            if (group.Plain is { } plain)
            {
                // A plain town followed by a 丁目 we do not know is not that town (e.g. 寿町 vs 寿町九丁目 missing).
                return WithKoaza(sc, gov, plain, f, q);
            }
        }
        return null;
    }

    private static TownMatch WithKoaza(Scratch sc, LocalGovernment gov, TownEntry e, ReadOnlySpan<char> f, int q)
    {
        if (e.KoazaByFirst is { } koaza)
        {
            Touch(sc, q + 2); // the length check and StartsWith("小字")
            if (q < f.Length)
            {
                var p = q;
                if (f[p..].StartsWith("小字")) p += 2;
                else if (f[p] == '字') p++;
                var rest = f[p..];
                Touch(sc, p + 1);
                if (rest.Length > 0 && koaza.TryGetValue(rest[0], out var candidates))
                    foreach (var kz in candidates)
                    {
                        Touch(sc, p + kz.Key.Length);
                        if (rest.StartsWith(kz.Key)) return new TownMatch(gov, e, kz, p + kz.Key.Length);
                    }
            }
        }
        return new TownMatch(gov, e, null, q);
    }

    /// <summary>Splits what follows the town into 番地・号 ("N-N-N") and the building.</summary>
    internal static (string? Numbers, string? Building) SplitRest(string s, int start, bool town, int depth = 0, StringBuilder? sb = null)
    {
        var i = start;
        while (i < s.Length && s[i] is ' ' or '-') i++;
        if (sb is null) sb = new StringBuilder();
        else sb.Clear();
        var end = i;
        var j = i;
        var parts = 0;
        while (j < s.Length && parts < 6)
        {
            var c = s[j];
            var kanji = JapaneseText.IsKanjiNumeral(c);
            if (!JapaneseText.IsDigit(c) && !kanji) break;
            var numStart = j;
            var v = JapaneseText.ParseNumber(s, ref j);
            if (v < 0) break;
            var suffix = false;
            var stop = false;
            if (j < s.Length)
            {
                if (Starts(s, j, "番地")) { j += 2; suffix = true; }
                else if (Starts(s, j, "丁目")) { j += 2; suffix = true; }
                else if (s[j] == '番') { j++; suffix = true; }
                else if (s[j] == '号' && !(j + 1 < s.Length && s[j + 1] is '室' or '棟' or '館')) { j++; suffix = true; stop = true; }
                else if (s[j] is '号' or '室' or '棟' or '館' or '階' or 'F' or 'f' or '.') break;
                else if (JapaneseText.IsKanjiNumeral(s[j]))
                {
                    // 2番地4三番町ビル: the Arabic number ends the 番地; the kanji starts the building.
                    if (kanji) break;
                    stop = true;
                }
            }
            if (kanji && !suffix && !(j >= s.Length || s[j] is '-' or 'の' or 'ノ' or ' ')) break;
            if (sb.Length > 0) sb.Append('-');
            sb.Append(v);
            parts++;
            end = j;
            _ = numStart;
            if (stop || j >= s.Length) break;
            // A separator (spaces around it allowed) followed by a number continues the 番地・号.
            var k = j;
            while (k < s.Length && s[k] == ' ') k++;
            if (k < s.Length && s[k] is '-' or 'の' or 'ノ' or '之')
            {
                k++;
                while (k < s.Length && s[k] == ' ') k++;
                if (k < s.Length && (JapaneseText.IsDigit(s[k]) || JapaneseText.IsKanjiNumeral(s[k])))
                {
                    j = k;
                    continue;
                }
            }
            if (suffix && (JapaneseText.IsDigit(s[j]) || JapaneseText.IsKanjiNumeral(s[j]))) continue;
            break;
        }
        var tail = s.AsSpan(end).Trim(TailTrim);
        if (parts == 0)
        {
            // A 小字 not in the town list before the number (字アイウエオ100番200号): it stays in the rest, before N-N.
            if (town && i < s.Length && s[i] == '字' && depth == 0)
            {
                var k = i + 1;
                while (k < s.Length && k - i <= 12 && s[k] != ' ' && !JapaneseText.IsDigit(s[k])) k++;
                if (k < s.Length && k - i <= 12 && JapaneseText.IsDigit(s[k]) && SplitRest(s, k, town, depth + 1, sb) is { Numbers: { } numbers } inner)
                    return (s[i..k] + numbers, inner.Building);
            }
            var all = s[i..].Trim();
            if (all.Length == 0) return (null, null);
            return town ? (null, all) : (all, null);
        }
        return (sb.ToString(), tail.Length == 0 ? null : tail.ToString());
    }

    private static readonly char[] TailTrim = [' ', '-', ',', '、'];

    private static bool Starts(string s, int i, string word) => string.CompareOrdinal(s, i, word, 0, word.Length) == 0;
}
