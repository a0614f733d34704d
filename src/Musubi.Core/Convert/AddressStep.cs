using System.Globalization;
using Musubi.Address;
using Musubi.Issues;
using Musubi.Registry;
using Musubi.Schemas;

namespace Musubi.Convert;

/// <summary>
/// Fills and checks the 所在地 block of a row with the base registries: splits 所在地_連結表記 into 都道府県 / 市区町村 /
/// 町字 / 番地以下 and their codes (or joins the parts when only they are given), fills missing coordinates with the
/// town's representative point when the town registry is imported, and flags an address that contradicts the row's
/// code or coordinates. Works down to municipality level without the town registry.
/// </summary>
internal sealed class AddressStep
{
    /// <summary>How far (km) coordinates may lie from the town's representative point before they are questioned.</summary>
    public const double MaxDistanceKm = 5.0;

    private readonly AddressNormalizer _normalizer;
    private readonly CityLevelMemo _memo;
    private readonly LocalGovernmentRegistry _governments;
    private readonly string? _publisher;
    private readonly int _full, _pref, _city, _town, _rest, _building, _locCode, _townId, _lat, _lon, _code;

    private AddressStep(AddressNormalizer normalizer, TableSchema schema, string? publisher)
    {
        _normalizer = normalizer;
        _memo = new CityLevelMemo(normalizer);
        _governments = normalizer.Governments;
        _publisher = publisher;
        _full = schema.IndexOf(StandardFields.AddressFull);
        _pref = schema.IndexOf(StandardFields.AddressPrefecture);
        _city = schema.IndexOf(StandardFields.AddressMunicipality);
        _town = schema.IndexOf(StandardFields.AddressTown);
        _rest = schema.IndexOf(StandardFields.AddressRest);
        _building = schema.IndexOf(StandardFields.Building);
        _locCode = schema.IndexOf(StandardFields.AddressLocalGovernmentCode);
        _townId = schema.IndexOf(StandardFields.TownId);
        _lat = schema.IndexOf(StandardFields.Latitude);
        _lon = schema.IndexOf(StandardFields.Longitude);
        _code = schema.IndexOf(StandardFields.LocalGovernmentCode);
    }

    /// <summary>The step for a schema with a 所在地 block, or null when the schema has none.</summary>
    public static AddressStep? For(TableSchema schema, string? publisher, AddressNormalizer normalizer) =>
        schema.Field(StandardFields.AddressFull) is null ? null : new AddressStep(normalizer, schema, publisher);

    public void Apply(int rowNumber, string[] values, IssueLog log)
    {
        SplitWholeAddressInPart(rowNumber, values, log);
        NormalizeRest(rowNumber, values, log);
        var full = values[_full];
        var joined = false;
        if (full.Length == 0)
        {
            if (!Join(rowNumber, values, log)) return;
            // The parts gave the address: it is read like a given one, so its prefecture and codes are filled too.
            full = values[_full];
            joined = true;
        }
        var hint = Get(values, _locCode) ?? Get(values, _code) ?? _publisher;
        // Rest and Building are used only at town level (below): not split at municipality level.
        var r = _memo.Normalize(full, hint);
        if (r.Level < 2 && (Get(values, _pref) is not null || Get(values, _city) is not null))
        {
            // Old layouts give 都道府県名 and 市区町村名 in their own columns and the rest in 住所.
            var prefixed = _normalizer.Normalize((Get(values, _pref) ?? "") + (Get(values, _city) ?? "") + full, hint, cityLevelRest: false);
            if (prefixed.Level > r.Level) r = prefixed;
        }
        if (r.Level < 2)
        {
            if (log.Count(IssueCode.AddressNotMatched))
                log.Keep(Issue.Of(IssueCode.AddressNotMatched, rowNumber, StandardFields.AddressFull, full, null,
                    "the address was not found in the local-government registry (check the prefecture and municipality)"));
            return;
        }

        Complete(rowNumber, values, log, r, full);

        Span<int> filled = stackalloc int[8];
        var n = 0;
        if (Fill(values, _pref, r.Pref)) filled[n++] = _pref;
        if (Fill(values, _city, r.City) || Refine(values, _city, r.City)) filled[n++] = _city;
        if (Fill(values, _locCode, r.LgCode))
        {
            if (joined)
            {
                if (log.Count(IssueCode.LocatedCodeFilled))
                    log.Keep(Issue.Of(IssueCode.LocatedCodeFilled, rowNumber, StandardFields.AddressLocalGovernmentCode, "", r.LgCode,
                        "所在地_全国地方公共団体コード filled from the address built from the 所在地 parts"));
            }
            else filled[n++] = _locCode;
        }
        if (r.Level >= 3)
        {
            var town = r.Town + (r.Koaza ?? "");
            if (Fill(values, _town, town)) filled[n++] = _town;
            if (Fill(values, _rest, r.Rest)) filled[n++] = _rest;
            if (Fill(values, _townId, r.TownId)) filled[n++] = _townId;
            if (Get(values, _building) is null && Fill(values, _building, r.Building)) filled[n++] = _building;
        }
        if (n > 0 && log.Count(IssueCode.AddressPartsFilled))
        {
            var parts = new List<string>(n);
            for (var i = 0; i < n; i++) parts.Add($"{Name(filled[i])}={values[filled[i]]}");
            log.Keep(Issue.Of(IssueCode.AddressPartsFilled, rowNumber, StandardFields.AddressFull, full, string.Join("; ", parts),
                "所在地 parts filled from 所在地_連結表記 with the base registries"));
        }

        CheckCode(rowNumber, values, log, r, full);
        CheckCoordinates(rowNumber, values, log, r, full);
    }

    /// <summary>
    /// 所在地_連結表記 is the whole address: when the source left out the prefecture or municipality
    /// ("西区中央1-2-3" in さいたま市's file), the part that is missing is put in front.
    /// </summary>
    private void Complete(int rowNumber, string[] values, IssueLog log, AddressResult r, string full)
    {
        if (r.Pref is null || r.City is null) return;
        var text = full.TrimStart();
        if (text.StartsWith(r.Pref, StringComparison.Ordinal)) return;
        // The longest end of "埼玉県さいたま市西区" that the text starts with ("西区", "さいたま市西区") is already written.
        // (At most the municipality's length: the end of the municipality name.)
        var city = r.City.AsSpan();
        var overlap = 0;
        for (var k = Math.Min(city.Length, text.Length); k > 0; k--)
        {
            if (text.AsSpan().StartsWith(city[^k..], StringComparison.Ordinal)) { overlap = k; break; }
        }
        var completed = string.Concat(r.Pref.AsSpan(), city[..^overlap], text.AsSpan());
        values[_full] = completed;
        if (log.Count(IssueCode.AddressCompleted))
            log.Keep(Issue.Of(IssueCode.AddressCompleted, rowNumber, StandardFields.AddressFull, full, completed,
                "the prefecture or municipality left out of the address was added (所在地_連結表記 is the whole address)"));
    }

    private void CheckCode(int rowNumber, string[] values, IssueLog log, AddressResult r, string full)
    {
        if (r.LgCode is null) return;
        var located = Get(values, _locCode);
        if (located is not null && located != r.LgCode && !_governments.IsWithin(r.LgCode, located) && !_governments.IsWithin(located, r.LgCode))
        {
            if (log.Count(IssueCode.AddressCodeMismatch))
                log.Keep(Issue.Of(IssueCode.AddressCodeMismatch, rowNumber, StandardFields.AddressLocalGovernmentCode, located, null,
                    $"the address {full} is in {r.Pref}{r.City} ({r.LgCode}), not in {Describe(located)}"));
            return;
        }
        var owner = Get(values, _code);
        // 全国地方公共団体コード is the managing body: a prefecture may manage sites anywhere in it, a municipality only its own.
        // (located is tested first: it is usually set, and the lookups after it have no side effects.)
        if (located is null && owner is not null && _governments.ByCode(owner) is { } gov && !_governments.IsWithin(r.LgCode, owner)
            && gov.Kind != LocalGovernmentKind.Prefecture)
        {
            if (log.Count(IssueCode.AddressCodeMismatch))
                log.Keep(Issue.Of(IssueCode.AddressCodeMismatch, rowNumber, StandardFields.LocalGovernmentCode, owner, null,
                    $"the address {full} is in {r.Pref}{r.City} ({r.LgCode}), outside {Describe(owner)}"));
        }
    }

    private void CheckCoordinates(int rowNumber, string[] values, IssueLog log, AddressResult r, string full)
    {
        if (_lat < 0 || _lon < 0 || r.Level < 3 || r.Lat is null || r.Lng is null) return;
        if (values[_lat].Length == 0 && values[_lon].Length == 0)
        {
            values[_lat] = r.Lat.Value.ToString("0.######", CultureInfo.InvariantCulture);
            values[_lon] = r.Lng.Value.ToString("0.######", CultureInfo.InvariantCulture);
            if (log.Count(IssueCode.CoordinatesFromTown))
                log.Keep(Issue.Of(IssueCode.CoordinatesFromTown, rowNumber, StandardFields.CoordinatePair, "", $"{values[_lat]},{values[_lon]}",
                    $"no coordinates: filled with the representative point of {r.Town} (town level, not the building)"));
            return;
        }
        if (!double.TryParse(values[_lat], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(values[_lon], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)) return;
        var km = r.DistanceKm(lat, lon);
        if (km > MaxDistanceKm && log.Count(IssueCode.AddressCoordinatesMismatch))
            log.Keep(Issue.Of(IssueCode.AddressCoordinatesMismatch, rowNumber, StandardFields.CoordinatePair, $"{values[_lat]},{values[_lon]}", null,
                $"the coordinates are {km:0.0} km from {r.Town} ({full}); check the address or the coordinates"));
    }

    private bool Join(int rowNumber, string[] values, IssueLog log)
    {
        var joined = string.Concat(Get(values, _pref), Get(values, _city), Get(values, _town), Get(values, _rest));
        if (joined.Length == 0 || Get(values, _city) is null && Get(values, _town) is null) return false;
        var building = Get(values, _building);
        if (building is not null) joined += " " + building;
        values[_full] = joined;
        if (log.Count(IssueCode.AddressJoined))
            log.Keep(Issue.Of(IssueCode.AddressJoined, rowNumber, StandardFields.AddressFull, "", joined, "所在地_連結表記 built from the 所在地 parts"));
        return true;
    }

    private string? _prefWithoutDigit;
    private string? _cityWithoutDigit;

    /// <summary>
    /// A part column that holds more than its part — the whole address in 所在地_市区町村 or 所在地_都道府県 (a digit says
    /// the 番地 is there), or 町字 and 番地 together in 所在地_町字 (a 所在地_町字以下 column) — is split: the whole address
    /// goes to 所在地_連結表記 when that is empty (the parts are then filled from it), the 番地 to 所在地_番地以下.
    /// </summary>
    private void SplitWholeAddressInPart(int rowNumber, string[] values, IssueLog log)
    {
        // 都道府県 first, then 市区町村 (two calls, not a loop over a span of the two: that was generic code compiled at start-up).
        if (SplitWholeAddress(rowNumber, values, log, _pref, ref _prefWithoutDigit)
            || SplitWholeAddress(rowNumber, values, log, _city, ref _cityWithoutDigit)) return;
        if (_town >= 0 && _rest >= 0 && values[_town].Length > 0 && values[_rest].Length == 0)
        {
            var town = values[_town];
            var cut = TownEnd(town);
            if (cut <= 0 || cut >= town.Length) return;
            values[_town] = town[..cut].TrimEnd();
            values[_rest] = town[cut..].Trim();
            if (log.Count(IssueCode.AddressPartSplit))
                log.Keep(Issue.Of(IssueCode.AddressPartSplit, rowNumber, StandardFields.AddressTown, town, $"{values[_town]} / {values[_rest]}",
                    "所在地_町字 held the 町字 and the 番地: split into 所在地_町字 and 所在地_番地以下"));
        }
    }

    /// <summary>Whether the part column held the whole address (it is then moved to 所在地_連結表記).</summary>
    private bool SplitWholeAddress(int rowNumber, string[] values, IssueLog log, int part, ref string? noDigit)
    {
        if (part < 0 || values[part].Length == 0) return false;
        // The rows of a file repeat one prefecture and a few municipalities, as the same normalized strings: the last
        // value seen without a digit is not searched again.
        if (ReferenceEquals(values[part], noDigit)) return false;
        if (CityLevelMemo.IndexOfDigit(values[part]) < 0)
        {
            noDigit = values[part];
            return false;
        }
        var whole = values[part];
        if (values[_full].Length == 0) values[_full] = whole.Trim();
        values[part] = "";
        if (log.Count(IssueCode.AddressPartSplit))
            log.Keep(Issue.Of(IssueCode.AddressPartSplit, rowNumber, Name(part), whole, values[_full],
                $"{Name(part)} held the whole address: it is 所在地_連結表記, and the parts are filled from it"));
        return true;
    }

    /// <summary>Where the 番地 starts in "本町2丁目3-4" (after the 丁目) or "辛島町5-1"; -1 without a number.</summary>
    private static int TownEnd(string town)
    {
        var d = CityLevelMemo.IndexOfDigit(town);
        if (d < 0) return -1;
        var j = d;
        while (j < town.Length && (char.IsAsciiDigit(town[j]) || town[j] is >= '０' and <= '９')) j++;
        if (j + 1 < town.Length && town[j] == '丁' && town[j + 1] == '目')
        {
            j += 2;
            return j < town.Length ? j : -1;
        }
        return d;
    }

    /// <summary>
    /// 所在地_番地以下 as the address normalizer writes it: half-width digits, one kind of hyphen ("５ｰ１", "１２－３" →
    /// "5-1", "12-3"); a building after the numbers goes to 建物名等(方書) when that is empty. 所在地_連結表記 that ends
    /// with the source's spelling gets the same spelling, so the parts and the whole agree.
    /// </summary>
    private void NormalizeRest(int rowNumber, string[] values, IssueLog log)
    {
        if (_rest < 0) return;
        var rest = values[_rest];
        if (rest.Length == 0 || IsPlainRest(rest)) return;
        var (numbers, building) = AddressNormalizer.SplitRest(Musubi.Chars.JapaneseText.Clean(rest), 0, town: false);
        if (numbers is null || numbers == rest) return;
        var fixedRest = numbers;
        if (building is not null)
        {
            if (_building >= 0 && values[_building].Length == 0) values[_building] = building;
            else fixedRest = numbers + " " + building;
        }
        values[_rest] = fixedRest;
        var full = values[_full];
        if (full.Length > 0 && full.EndsWith(rest, StringComparison.Ordinal)) values[_full] = string.Concat(full.AsSpan(0, full.Length - rest.Length), fixedRest);
        if (log.Count(IssueCode.AddressRestNormalized))
            log.Keep(Issue.Of(IssueCode.AddressRestNormalized, rowNumber, StandardFields.AddressRest, rest, fixedRest,
                "所在地_番地以下 written with half-width digits and hyphens, as the address normalizer writes it"));
    }

    /// <summary>ASCII digits separated by single hyphens ("12-3", "5"): already the normalizer's form.</summary>
    private static bool IsPlainRest(string rest)
    {
        if (!char.IsAsciiDigit(rest[0]) || !char.IsAsciiDigit(rest[^1])) return false;
        for (var i = 1; i < rest.Length - 1; i++)
        {
            var c = rest[i];
            if (char.IsAsciiDigit(c)) continue;
            if (c != '-' || rest[i - 1] == '-') return false;
        }
        return true;
    }

    private string Describe(string code) => _governments.ByCode(code) is { } g ? $"{g.FullName} ({code})" : code;

    private static bool Fill(string[] values, int index, string? value)
    {
        if (index < 0 || string.IsNullOrEmpty(value) || values[index].Length > 0) return false;
        values[index] = value;
        return true;
    }

    /// <summary>"さいたま市" given, "さいたま市浦和区" found: the standard's 所在地_市区町村 includes the ward.</summary>
    private static bool Refine(string[] values, int index, string? value)
    {
        if (index < 0 || string.IsNullOrEmpty(value) || values[index].Length == 0 || values[index] == value) return false;
        if (!value.StartsWith(values[index], StringComparison.Ordinal)) return false;
        values[index] = value;
        return true;
    }

    private static string? Get(string[] values, int index) => index >= 0 && values[index].Length > 0 ? values[index] : null;

    private string Name(int index) =>
        index == _pref ? StandardFields.AddressPrefecture : index == _city ? StandardFields.AddressMunicipality : index == _town ? StandardFields.AddressTown : index == _rest ? StandardFields.AddressRest
        : index == _locCode ? StandardFields.AddressLocalGovernmentCode : index == _townId ? StandardFields.TownId : index == _building ? StandardFields.Building : "?";
}
