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

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Japan's extent with a margin: 沖ノ鳥島 20.42°N to 弁天島 45.56°N, 与那国島 122.93°E to 南鳥島 153.99°E.</summary>
    internal const double MinLat = 20, MaxLat = 46, MinLng = 122, MaxLng = 154;

    /// <summary>
    /// Reads and checks every town under <paramref name="path"/>: a record with a bad code, a missing name or coordinates
    /// that are not finite and inside Japan stops the whole import with an <see cref="InputException"/> naming the file and
    /// the record, so a bad file changes nothing.
    /// </summary>
    public static (List<TownRecord> Records, string Format) Read(string path, LocalGovernmentRegistry governments, Action<int, int>? progress = null,
        ReadOptions? read = null)
    {
        read ??= new ReadOptions();
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            var csv = files.Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (csv.Count > 0 && csv.Count == files.Count)
            {
                var all = new List<TownRecord>();
                foreach (var f in csv) all.AddRange(ReadAbrCsv(f, governments, read));
                return (all, AbrFormat);
            }
            var json = files.Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && governments.ByPrefectureName(Path.GetFileName(Path.GetDirectoryName(f)!)) is not null).ToList();
            if (json.Count == 0) throw new InvalidDataException($"{path}: no town list found (expected api/ja/<prefecture>/<city>.json files or town CSV files)");
            var records = new List<TownRecord>();
            for (var i = 0; i < json.Count; i++)
            {
                records.AddRange(ReadGeoloniaCity(json[i], governments, read));
                progress?.Invoke(i + 1, json.Count);
            }
            return (records, GeoloniaFormat);
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file or folder", path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return (ReadGeoloniaCity(path, governments, read), GeoloniaFormat);
        return (ReadAbrCsv(path, governments, read), AbrFormat);
    }

    /// <summary>One geolonia city file: [{town, koaza, lat, lng}]; prefecture and city come from the folder and file names.</summary>
    public static List<TownRecord> ReadGeoloniaCity(string file, LocalGovernmentRegistry governments, ReadOptions? read = null)
    {
        var limits = (read ?? new ReadOptions()).Limits;
        var size = new FileInfo(file).Length;
        if (size > limits.InputBytes) throw ReadLimits.Exceeded(file, "input-bytes", limits.InputBytes, $"is {size:N0} bytes");
        var pref = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? "";
        var city = Path.GetFileNameWithoutExtension(file);
        var g = governments.ByName(pref, city)
            ?? throw new InvalidDataException($"{file}: unknown municipality '{pref}{city}' (expected api/ja/<prefecture>/<city>.json)");
        var list = new List<TownRecord>();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{file}: expected a JSON array of towns");
            var n = 0;
            foreach (var t in doc.RootElement.EnumerateArray())
            {
                n++;
                if (t.ValueKind != JsonValueKind.Object) throw new InputException(file, $"record {n} is not a JSON object");
                var town = t.TryGetProperty("town", out var tv) && tv.ValueKind == JsonValueKind.String ? tv.GetString()!.Trim() : "";
                if (town.Length == 0) throw new InputException(file, $"record {n} has no town name");
                if (town.Length > 200) throw new InputException(file, $"record {n}: the town name is {town.Length} characters long");
                var koaza = t.TryGetProperty("koaza", out var kv) && kv.ValueKind == JsonValueKind.String ? kv.GetString()!.Trim() : "";
                var lat = Coordinate(file, $"record {n}", "lat", Number(file, n, t, "lat"), MinLat, MaxLat, null);
                var lng = Coordinate(file, $"record {n}", "lng", Number(file, n, t, "lng"), MinLng, MaxLng, null);
                Pair(file, $"record {n}", lat, lng, null);
                list.Add(new TownRecord(g.Code, null, town, koaza, lat, lng));
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: not valid JSON ({ex.Message})", ex);
        }
        return list;
    }

    /// <summary>A JSON number or numeric string; null when absent or null; NaN when it is there but not a usable number.</summary>
    private static double? Number(string file, int record, JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when v.GetString()!.Trim().Length == 0 => null,
            JsonValueKind.Number => v.TryGetDouble(out var d) ? d : double.NaN,
            JsonValueKind.String => double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
            _ => double.NaN,
        };
    }

    /// <summary>A coordinate that is finite and inside Japan, or none; anything else stops the import at this record.</summary>
    private static double? Coordinate(string file, string where, string name, double? value, double min, double max, int? row)
    {
        if (value is not { } v) return null;
        if (!double.IsFinite(v) || v < min || v > max)
            throw new InputException(file, double.IsNaN(v)
                ? $"{(row is null ? where + ": " : "")}{name} is not a number"
                : $"{(row is null ? where + ": " : "")}{name} is {(double.IsInfinity(v) ? (v > 0 ? "∞" : "-∞") : v.ToString("R", CultureInfo.InvariantCulture))}, not within Japan ({min}–{max})", row);
        return v;
    }

    private static void Pair(string file, string where, double? lat, double? lng, int? row)
    {
        if (lat.HasValue != lng.HasValue)
            throw new InputException(file, $"{(row is null ? where + ": " : "")}has {(lat.HasValue ? "a latitude but no longitude" : "a longitude but no latitude")}", row);
    }

    /// <summary>
    /// Address Base Registry town list (mt_town_all.csv and the per-city mt_town_city*.csv): lg_code, machiaza_id, oaza_cho,
    /// chome, koaza, rep_lat, rep_lon (rep_lng accepted). UTF-8 (BOM optional).
    /// </summary>
    public static List<TownRecord> ReadAbrCsv(string file, LocalGovernmentRegistry governments, ReadOptions? read = null)
    {
        var list = new List<TownRecord>();
        // The converter's reader, with its limits and one-line errors (encoding, quotes, huge cells).
        var tables = TableReader.Open(file, read);
        try
        {
            var table = tables[0];
            var names = table.Header;
            int Col(string name, bool required)
            {
                for (var i = 0; i < names.Count; i++)
                    if (string.Equals(names[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
                if (required) throw new InputException(file, $"column '{name}' is missing (Address Base Registry town list expected)");
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
                if (!LocalGovernmentCode.IsValid(lg))
                    throw new InputException(file, $"lg_code '{Short(lg)}' is not a 6-digit 全国地方公共団体コード with a valid check digit", line, "lg_code");
                if (!governments.IsKnown(lg)) throw new InputException(file, $"lg_code '{lg}' is not in the local-government registry", line, "lg_code");
                var id = Get(cId);
                if (id.Length > 0 && (id.Length != 7 || !id.All(char.IsAsciiDigit)))
                    throw new InputException(file, $"machiaza_id '{Short(id)}' is not a 7-digit 町字ID", line, "machiaza_id");
                var town = Get(cOaza) + Get(cChome);
                if (town.Length == 0)
                {
                    if (id.Length > 0) throw new InputException(file, $"town {id} has no name (oaza_cho)", line, "oaza_cho");
                    continue; // a municipality-level row
                }
                double? D(int c)
                {
                    var text = Get(c);
                    if (text.Length == 0) return null;
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) d = double.NaN;
                    return d;
                }
                var lat = Coordinate(file, "", "rep_lat", D(cLat), MinLat, MaxLat, line);
                var lon = Coordinate(file, "", cLon >= 0 ? names[cLon] : "rep_lon", D(cLon), MinLng, MaxLng, line);
                Pair(file, "", lat, lon, line);
                list.Add(new TownRecord(lg, id.Length == 0 ? null : id, town, Get(cKoaza), lat, lon));
            }
        }
        finally
        {
            foreach (var t in tables) t.Dispose();
        }
        return list;
    }
}
