using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Musubi.Schemas;
using Musubi.Write;

namespace Musubi.Catalog;

/// <summary>
/// The converter's writer for the harvester: keeps each standard record as a JSON object keyed by field name (empty values
/// left out) with its coordinates and publisher code, until the store takes the whole version in one transaction.
/// </summary>
public sealed class RecordBuffer : IRecordWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TableSchema _schema;
    private readonly int _lat;
    private readonly int _lng;
    private readonly int _code;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly List<RecordRow> _rows = [];

    public RecordBuffer(TableSchema schema)
    {
        _schema = schema;
        _lat = schema.IndexOf(StandardFields.Latitude);
        _lng = schema.IndexOf(StandardFields.Longitude);
        _code = schema.IndexOf(StandardFields.LocalGovernmentCode);
    }

    public TableSchema Schema => _schema;

    public IReadOnlyList<RecordRow> Rows => _rows;

    public void Write(ReadOnlySpan<string> values, int sourceRow)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            json.WriteStartObject();
            for (var i = 0; i < values.Length; i++)
                if (values[i].Length > 0) json.WriteString(_schema.Fields[i].Name, values[i]);
            json.WriteEndObject();
        }
        _rows.Add(new RecordRow(Encoding.UTF8.GetString(_buffer.WrittenSpan), sourceRow, Number(values, _lat), Number(values, _lng),
            _code >= 0 && values[_code].Length > 0 ? values[_code] : null));
    }

    private static double? Number(ReadOnlySpan<string> values, int i) =>
        i >= 0 && double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    public void Complete()
    {
    }

    public void Dispose()
    {
    }
}
