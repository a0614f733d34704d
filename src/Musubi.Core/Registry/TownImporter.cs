using System.Globalization;
using System.Text.Json;
using Musubi.Read;

namespace Musubi.Registry;

/// <summary>
/// Reads town (町字) lists: geolonia japanese-addresses (api/ja/&lt;pref&gt;/&lt;city&gt;.json, a folder or one file) and
/// the Address Base Registry town list CSV (mt_town_all.csv columns). Everything is read and checked before anything is stored.
/// </summary>
public static class TownImporter
{
    public const string GeoloniaFormat = "geolonia-japanese-addresses";
    public const string AbrFormat = "abr-town-csv";

    /// <summary>Reads every town under <paramref name="path"/>; throws InvalidDataException on a bad input.</summary>
    public static (List<TownRecord> Records, string Format) Read(string path, LocalGovernmentRegistry governments, Action<int, int>? progress = null)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            var csv = files.Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (csv.Count > 0 && csv.Count == files.Count)
            {
                var all = new List<TownRecord>();
                foreach (var f in csv) all.AddRange(ReadAbrCsv(f, governments));
                return (all, AbrFormat);
            }
            var json = files.Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && governments.ByPrefectureName(Path.GetFileName(Path.GetDirectoryName(f)!)) is not null).ToList();
            if (json.Count == 0) throw new InvalidDataException($"{path}: no town list found (expected api/ja/<prefecture>/<city>.json files or town CSV files)");
            var records = new List<TownRecord>();
            for (var i = 0; i < json.Count; i++)
            {
                records.AddRange(ReadGeoloniaCity(json[i], governments));
                progress?.Invoke(i + 1, json.Count);
            }
            return (records, GeoloniaFormat);
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file or folder", path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return (ReadGeoloniaCity(path, governments), GeoloniaFormat);
        return (ReadAbrCsv(path, governments), AbrFormat);
    }

    /// <summary>One geolonia city file: [{town, koaza, lat, lng}]; prefecture and city come from the folder and file names.</summary>
    public static List<TownRecord> ReadGeoloniaCity(string file, LocalGovernmentRegistry governments)
    {
        var pref = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? "";
        var city = Path.GetFileNameWithoutExtension(file);
        var g = governments.ByName(pref, city)
            ?? throw new InvalidDataException($"{file}: unknown municipality '{pref}{city}' (expected api/ja/<prefecture>/<city>.json)");
        var list = new List<TownRecord>();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{file}: expected a JSON array of towns");
            foreach (var t in doc.RootElement.EnumerateArray())
            {
                var town = t.TryGetProperty("town", out var tv) && tv.ValueKind == JsonValueKind.String ? tv.GetString()! : "";
                if (town.Length == 0) throw new InvalidDataException($"{file}: a record has no town name");
                var koaza = t.TryGetProperty("koaza", out var kv) && kv.ValueKind == JsonValueKind.String ? kv.GetString()! : "";
                list.Add(new TownRecord(g.Code, null, town, koaza, Number(t, "lat"), Number(t, "lng")));
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: not valid JSON ({ex.Message})", ex);
        }
        return list;
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        } : null;

    /// <summary>
    /// Address Base Registry town list (mt_town_all.csv and the per-city mt_town_city*.csv): lg_code, machiaza_id, oaza_cho,
    /// chome, koaza, rep_lat, rep_lon (rep_lng accepted). UTF-8 (BOM optional).
    /// </summary>
    public static List<TownRecord> ReadAbrCsv(string file, LocalGovernmentRegistry governments)
    {
        var list = new List<TownRecord>();
        // The converter's reader, with its limits and one-line errors (encoding, quotes, huge cells).
        var tables = TableReader.Open(file);
        try
        {
            var table = tables[0];
            var names = table.Header;
            int Col(string name, bool required)
            {
                for (var i = 0; i < names.Count; i++)
                    if (string.Equals(names[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
                if (required) throw new InvalidDataException($"{file}: column '{name}' is missing (Address Base Registry town list expected)");
                return -1;
            }
            var cLg = Col("lg_code", true);
            var cId = Col("machiaza_id", false);
            var cOaza = Col("oaza_cho", true);
            var cChome = Col("chome", false);
            var cKoaza = Col("koaza", false);
            var cLat = Col("rep_lat", false);
            var cLon = Col("rep_lon", false);
            if (cLon < 0) cLon = Col("rep_lng", false);
            foreach (var row in table.Rows)
            {
                var cells = row.Cells;
                var line = row.RowNumber;
                string Get(int c) => c >= 0 && c < cells.Length ? cells[c].Trim() : "";
                var lg = Get(cLg);
                if (lg.Length == 0 && cells.Length <= 1) continue;
                if (!LocalGovernmentCode.IsValid(lg)) throw new InvalidDataException($"{file}:{line}: lg_code '{lg}' is not a valid 6-digit code");
                if (!governments.IsKnown(lg)) throw new InvalidDataException($"{file}:{line}: lg_code '{lg}' is not in the local-government registry");
                var town = Get(cOaza) + Get(cChome);
                if (town.Length == 0) continue; // a municipality-level row
                double? D(int c) => double.TryParse(Get(c), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
                var id = Get(cId);
                list.Add(new TownRecord(lg, id.Length == 0 ? null : id, town, Get(cKoaza), D(cLat), D(cLon)));
            }
        }
        finally
        {
            foreach (var t in tables) t.Dispose();
        }
        return list;
    }
}
