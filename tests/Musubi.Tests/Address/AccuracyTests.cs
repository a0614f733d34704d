using System.Globalization;
using System.Text;
using System.Text.Json;
using Musubi.Address;
using Musubi.Chars;
using Musubi.Registry;
using Musubi.Tests.Support;
using Xunit.Abstractions;

namespace Musubi.Tests.Address;

/// <summary>Shared fixture: the geolonia v1 towns imported once into a temporary data folder.</summary>
public sealed class GeoloniaTownsFixture : IDisposable
{
    public string? DataDir { get; }

    public AddressNormalizer? Normalizer { get; }

    public GeoloniaTownsFixture()
    {
        if (SharedPaths.Root is null) return;
        DataDir = Path.Combine(Path.GetTempPath(), "musubi-test-" + Guid.NewGuid().ToString("N"));
        var src = Path.Combine(SharedPaths.Root, "reference", "geolonia-japanese-addresses-v1", "api", "ja");
        var (records, format) = TownImporter.Read(src, LocalGovernmentRegistry.Default);
        var stores = new Musubi.Storage.StoreFactory(new Musubi.Hosting.MusubiOptions { DataDirectory = DataDir });
        using (var store = stores.OpenForWrite()) store.ReplaceCities(records, src, format);
        Normalizer = new AddressNormalizerSource(LocalGovernmentRegistry.Default, stores).Normalizer;
    }

    public void Dispose()
    {
        if (DataDir is not null && Directory.Exists(DataDir)) Directory.Delete(DataDir, true);
    }
}

[Trait("Category", "Accuracy")]
public sealed class AccuracyTests(GeoloniaTownsFixture fixture, ITestOutputHelper output) : IClassFixture<GeoloniaTownsFixture>
{
    private sealed record Case(string Source, string Input, string? Pref, string? City, string? LgCode, string? Town, string? TownAlt, string? Addr = null, string? Other = null);

    private static IEnumerable<Case> LoadCases()
    {
        var dir = Path.Combine(SharedPaths.Root!, "reference", "address-cases");
        foreach (var line in File.ReadLines(Path.Combine(dir, "geolonia-cases-a.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement.GetProperty("expected");
            yield return new Case("geolonia", doc.RootElement.GetProperty("input").GetString()!, Str(e, "pref"), Str(e, "city"), null, Str(e, "town"), null,
                Str(e, "addr"), e.TryGetProperty("other", out var o) ? o.GetString() : null);
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "abr-geocoder-e2e-cases.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement.GetProperty("expected");
            var city = Str(e, "county") + Str(e, "city") + Str(e, "ward");
            var oaza = Str(e, "oaza_cho");
            string? town = oaza is null ? null : oaza + Str(e, "chome");
            string? alt = town is null || Str(e, "koaza") is null ? null : town + Str(e, "koaza");
            yield return new Case("abr", doc.RootElement.GetProperty("input").GetString()!, Str(e, "pref"), city.Length == 0 ? null : city, Str(e, "lg_code"), town, alt);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;

    private static bool Same(string? a, string? b) => a is not null && b is not null && JapaneseText.Key(a) == JapaneseText.Key(b);

    [SharedFact]
    public void Municipality_and_town_accuracy_meet_the_thresholds()
    {
        var n = fixture.Normalizer!;
        int cityTotal = 0, cityOk = 0, townTotal = 0, townOk = 0;
        var misses = new Dictionary<string, List<string>>();
        void Miss(string category, string line)
        {
            if (!misses.TryGetValue(category, out var l)) misses[category] = l = [];
            l.Add(line);
        }
        foreach (var c in LoadCases())
        {
            var r = n.Normalize(c.Input);
            if (c.City is not null)
            {
                cityTotal++;
                // abr cases carry the code (and sometimes leave 郡 out of the names): the code decides there.
                var ok = Same(r.Pref, c.Pref) && (c.LgCode is null ? Same(r.City, c.City) : r.LgCode == c.LgCode);
                if (ok) cityOk++;
                else Miss($"{c.Source} municipality", $"{c.Input} → {r.Pref}|{r.City}|{r.LgCode} (expected {c.Pref}|{c.City}|{c.LgCode})");
            }
            if (c.Town is not null && c.City is not null)
            {
                townTotal++;
                var cityOkHere = Same(r.Pref, c.Pref) && (c.LgCode is null ? Same(r.City, c.City) : r.LgCode == c.LgCode);
                // A 小字 we recognised beyond the expected town still means the town is right.
                var ok = cityOkHere && (Same(r.TownWithKoaza, c.Town) || Same(r.TownWithKoaza, c.TownAlt) || Same(r.Town, c.Town));
                if (ok) { townOk++; continue; }
                var known = n.Towns.TownsOf(r.LgCode ?? "").Any(t => Same(t.Name, c.Town));
                var category = !cityOkHere ? "wrong municipality"
                    : r.Town is null ? (known ? "town not recognised" : "town not in the imported list")
                    : (known ? "other town chosen" : "town not in the imported list (another chosen)");
                Miss($"{c.Source} town: {category}", $"{c.Input} → {r.TownWithKoaza} (expected {c.Town})");
            }
        }
        var cityPct = 100.0 * cityOk / cityTotal;
        // Informational: the 番地・号 part against geolonia's addr (level 8) or other (level 3), when the town is right.
        int restTotal = 0, restOk = 0;
        var restMisses = new List<string>();
        foreach (var c in LoadCases().Where(c => c.Source == "geolonia" && c.Town is not null))
        {
            var r = n.Normalize(c.Input);
            if (!Same(r.TownWithKoaza, c.Town)) continue;
            restTotal++;
            var ours = c.Addr is not null ? r.Rest ?? "" : string.Join(" ", new[] { r.Rest, r.Building }.Where(x => x is not null));
            var expected = c.Addr ?? (c.Other ?? "").Trim();
            if (ours == expected) restOk++;
            else if (restMisses.Count < 40) restMisses.Add($"{c.Input} → {ours} (expected {expected})");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rest (番地・号) agreement with geolonia when the town is right: {restOk}/{restTotal} = {100.0 * restOk / Math.Max(1, restTotal):F2}%"));
        misses["zz rest (informational, first 40)"] = restMisses;
        var townPct = 100.0 * townOk / townTotal;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"municipality: {cityOk}/{cityTotal} = {cityPct:F2}%"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"town: {townOk}/{townTotal} = {townPct:F2}%"));
        var report = new StringBuilder();
        foreach (var (cat, lines) in misses.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            report.AppendLine($"## {cat}: {lines.Count}");
            foreach (var l in lines) report.AppendLine("  " + l);
        }
        output.WriteLine(report.ToString());
        var reportFile = Environment.GetEnvironmentVariable("MUSUBI_ACCURACY_REPORT");
        if (!string.IsNullOrEmpty(reportFile))
            File.WriteAllText(reportFile, string.Create(CultureInfo.InvariantCulture, $"municipality {cityOk}/{cityTotal} = {cityPct:F2}%\ntown {townOk}/{townTotal} = {townPct:F2}%\nrest {restOk}/{restTotal}\n") + report);
        Assert.True(cityPct >= 99.5, $"municipality accuracy {cityPct:F2}% < 99.5%");
        Assert.True(townPct >= 97.0, $"town accuracy {townPct:F2}% < 97%");
    }
}
