using Musubi.Schemas;

namespace Musubi.Write;

/// <summary>Writes standard records one at a time (streaming), in the schema's field order.</summary>
public interface IRecordWriter : IDisposable
{
    /// <summary>Writes one record; <paramref name="values"/> has one entry per schema field ("" = no value).</summary>
    void Write(ReadOnlySpan<string> values);

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
    public static OutputFormat ParseFormat(string? format, string? outPath)
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
            _ => throw new ArgumentException($"unknown output format '{format}' (use csv, json or geojson)"),
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
