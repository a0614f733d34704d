using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Musubi.Schemas;

namespace Musubi.Write;

/// <summary>
/// JSON (an array of objects keyed by the standard field names) or GeoJSON (a FeatureCollection of Points;
/// rows without coordinates get a null geometry, which GeoJSON allows). Numbers are JSON numbers, empty cells null.
/// </summary>
public sealed class JsonRecordWriter : IRecordWriter, IUtf8RecordWriter
{
    private readonly Utf8JsonWriter _json;
    private readonly TableSchema _schema;
    private readonly bool _geo;
    private readonly int _lat;
    private readonly int _lon;
    private readonly bool[] _numeric;
    private readonly JsonEncodedText[] _names;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public JsonRecordWriter(Stream stream, TableSchema schema, bool geo)
    {
        _schema = schema;
        _geo = geo;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = Encoder });
        _lat = schema.IndexOf(StandardFields.Latitude);
        _lon = schema.IndexOf(StandardFields.Longitude);
        _numeric = schema.Fields.Select(f => f.Type is "integer" or "number").ToArray();
        _names = schema.Fields.Select(f => JsonEncodedText.Encode(f.Name, Encoder)).ToArray();
        if (geo)
        {
            _json.WriteStartObject();
            _json.WriteString("type", "FeatureCollection");
            _json.WriteStartArray("features");
        }
        else
        {
            _json.WriteStartArray();
        }
    }

    public void Write(ReadOnlySpan<string> values, int sourceRow)
    {
        if (_geo)
        {
            double lat = 0, lon = 0;
            var point = _lat >= 0 && _lon >= 0 && TryNumber(values[_lat], out lat) && TryNumber(values[_lon], out lon);
            StartFeature(point, lat, lon);
        }
        _json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            var name = _schema.Fields[i].Name;
            var v = values[i];
            if (v.Length == 0) _json.WriteNull(name);
            else if (_numeric[i] && TryNumber(v, out var d)) _json.WriteNumber(name, d);
            else _json.WriteString(name, v);
        }
        _json.WriteEndObject();
        if (_geo) _json.WriteEndObject();
        if (_json.BytesPending > 1 << 16) _json.Flush();
    }

    /// <summary>A GeoJSON feature's opening up to its properties (a Point geometry when the row has coordinates), for both paths.</summary>
    private void StartFeature(bool point, double lat, double lon)
    {
        _json.WriteStartObject();
        _json.WriteString("type", "Feature");
        if (point)
        {
            _json.WriteStartObject("geometry");
            _json.WriteString("type", "Point");
            _json.WriteStartArray("coordinates");
            _json.WriteNumberValue(lon);
            _json.WriteNumberValue(lat);
            _json.WriteEndArray();
            _json.WriteEndObject();
        }
        else
        {
            _json.WriteNull("geometry");
        }
        _json.WritePropertyName("properties");
    }

    /// <summary>The byte path: the same document as <see cref="Write(ReadOnlySpan{string}, int)"/> gives for the same text.</summary>
    public void Write(Utf8Cells cells, int sourceRow)
    {
        if (_geo)
        {
            double lat = 0, lon = 0;
            var point = _lat >= 0 && _lon >= 0 && TryNumber(cells[_lat], out lat) && TryNumber(cells[_lon], out lon);
            StartFeature(point, lat, lon);
        }
        _json.WriteStartObject();
        for (var i = 0; i < cells.Count; i++)
        {
            var v = cells[i];
            if (v.Length == 0) _json.WriteNull(_names[i]);
            else if (_numeric[i] && TryNumber(v, out var d)) _json.WriteNumber(_names[i], d);
            else _json.WriteString(_names[i], v);
        }
        _json.WriteEndObject();
        if (_geo) _json.WriteEndObject();
        if (_json.BytesPending > 1 << 16) _json.Flush();
    }

    private static bool TryNumber(ReadOnlySpan<byte> s, out double d) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);

    public void Complete()
    {
        _json.WriteEndArray();
        if (_geo) _json.WriteEndObject();
        _json.Flush();
    }

    /// <summary>Releases the JSON writer; the stream stays open (its owner closes it).</summary>
    public void Dispose() => _json.Dispose();

    private static bool TryNumber(string s, out double d) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);
}
