using Musubi.Schemas;

namespace Musubi.Write;

/// <summary>
/// Writes standard records one at a time (streaming), in the schema's field order. A writer never closes the stream it
/// was given: the caller owns it (stdout, an HTTP response, a file the operation replaces when done).
/// </summary>
public interface IRecordWriter : IDisposable
{
    /// <summary>
    /// Writes one record; <paramref name="values"/> has one entry per schema field ("" = no value) and is only valid
    /// during the call. <paramref name="sourceRow"/> is the record's physical row in the source file.
    /// </summary>
    void Write(ReadOnlySpan<string> values, int sourceRow);

    /// <summary>Finishes the document (closing brackets etc.).</summary>
    void Complete();
}

public enum OutputFormat
{
    Csv,
    Json,
    GeoJson,
}

public static class RecordWriters
{
    /// <summary>The format a name gives (csv, json, geojson), else the output file's extension, else csv; null when unknown.</summary>
    public static OutputFormat? TryParseFormat(string? format, string? outPath)
    {
        var f = format;
        if (string.IsNullOrWhiteSpace(f) && outPath is not null)
        {
            f = Path.GetExtension(outPath).TrimStart('.').ToLowerInvariant();
            if (f is not ("json" or "geojson")) f = "csv";
        }
        return (f ?? "csv").ToLowerInvariant() switch
        {
            "csv" => OutputFormat.Csv,
            "json" => OutputFormat.Json,
            "geojson" => OutputFormat.GeoJson,
            _ => null,
        };
    }

    public static IRecordWriter Create(OutputFormat format, Stream stream, TableSchema schema, bool bom) => format switch
    {
        OutputFormat.Csv => new CsvRecordWriter(stream, schema.Fields.Select(f => f.Name).ToArray(), bom),
        OutputFormat.Json => new JsonRecordWriter(stream, schema, geo: false),
        OutputFormat.GeoJson => new JsonRecordWriter(stream, schema, geo: true),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
