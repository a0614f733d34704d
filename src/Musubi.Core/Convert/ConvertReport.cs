using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Musubi.Issues;
using Musubi.Map;
using Musubi.Schemas;

namespace Musubi.Convert;

/// <summary>The machine-readable report of one conversion (written with --report).</summary>
public sealed class ConvertReport
{
    public required string Input { get; init; }

    public required string Format { get; init; }

    public string? Sheet { get; init; }

    public required string Schema { get; init; }

    public required string SchemaTitle { get; init; }

    public required string SchemaVersion { get; init; }

    public required double Confidence { get; init; }

    /// <summary>How the schema was chosen: "detected" or "given".</summary>
    public required string SchemaChosenBy { get; init; }

    public required IReadOnlyList<CandidateReport> Candidates { get; init; }

    public required string Encoding { get; init; }

    public required int HeaderRow { get; init; }

    public string? Publisher { get; init; }

    public long RowsRead { get; set; }

    public long RowsWritten { get; set; }

    public required IReadOnlyList<ColumnReport> Columns { get; init; }

    /// <summary>Standard fields that no source column fed.</summary>
    public required IReadOnlyList<string> MissingFields { get; init; }

    /// <summary>Where unmapped source columns went ("extra-columns file" path), or null when there were none or no file was asked for.</summary>
    public string? ExtraColumnsFile { get; set; }

    public string? Output { get; set; }

    /// <summary>Size of the output file in bytes (null for a stream or a writer): with <see cref="OutputXxh128"/>, it ties this report to its output.</summary>
    public long? OutputBytes { get; set; }

    /// <summary>XXH128 of the output file, lowercase hex (`xxh128sum` prints the same).</summary>
    public string? OutputXxh128 { get; set; }

    public long? ExtraColumnsBytes { get; set; }

    /// <summary>XXH128 of the extra-columns file, lowercase hex.</summary>
    public string? ExtraColumnsXxh128 { get; set; }

    /// <summary>An extra-columns file of an earlier run at the path this run would use, that this run has no columns for and could not remove.</summary>
    public string? StaleExtraColumnsFile { get; set; }

    public string OutputFormat { get; set; } = "csv";

    public IReadOnlyList<Issue> Issues { get; set; } = [];

    /// <summary>Issues counted in the summary but not listed (more than the per-code limit).</summary>
    public long IssuesNotListed { get; set; }

    public IReadOnlyList<IssueSummary> Summary { get; set; } = [];

    public long Errors { get; set; }

    public long Warnings { get; set; }

    public long Fixes { get; set; }

    /// <summary>True when a required field has an error (exit code 1).</summary>
    public bool RequiredFieldErrors { get; set; }

    /// <summary>Non-blank source cells (of the rows read) in a column that reached a standard field.</summary>
    public long SourceCellsMapped { get; set; }

    /// <summary>Non-blank source cells of the rows read; with <see cref="SourceCellsMapped"/> it tells "converted well" from "most content lost".</summary>
    public long SourceCellsTotal { get; set; }

    /// <summary>Required (◎) fields left empty in written records, with how many records (fields never empty are not listed).</summary>
    public IReadOnlyDictionary<string, long> RequiredFieldsEmpty { get; set; } = new Dictionary<string, long>();

    /// <summary>Rows holding nothing but identity cells (全国地方公共団体コード, ID, 地方公共団体名): reported, not written.</summary>
    public long BlankRecords { get; set; }

    public double Seconds { get; set; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = ReportJsonContext.Default,
    };

    /// <summary>
    /// The report as indented JSON. Written with Utf8JsonWriter rather than the serializer, whose first use costs
    /// ~75 ms at the end of every conversion; a test holds the output equal to <see cref="JsonOptions"/>'s.
    /// </summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("input", Input);
            w.WriteString("format", Format);
            w.WriteString("sheet", Sheet);
            w.WriteString("schema", Schema);
            w.WriteString("schemaTitle", SchemaTitle);
            w.WriteString("schemaVersion", SchemaVersion);
            w.WriteNumber("confidence", Confidence);
            w.WriteString("schemaChosenBy", SchemaChosenBy);
            WriteObjects(w, "candidates", Candidates, static (w, c) =>
            {
                w.WriteString("schema", c.Schema);
                w.WriteNumber("score", c.Score);
                w.WriteNumber("confidence", c.Confidence);
            });
            w.WriteString("encoding", Encoding);
            w.WriteNumber("headerRow", HeaderRow);
            w.WriteString("publisher", Publisher);
            w.WriteNumber("rowsRead", RowsRead);
            w.WriteNumber("rowsWritten", RowsWritten);
            WriteObjects(w, "columns", Columns, static (w, c) =>
            {
                w.WriteString("source", c.Source);
                w.WriteString("field", c.Field);
                w.WriteString("how", EnumName(c.How));
            });
            w.WriteStartArray("missingFields");
            foreach (var f in MissingFields) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteString("extraColumnsFile", ExtraColumnsFile);
            w.WriteString("output", Output);
            if (OutputBytes is { } bytes) w.WriteNumber("outputBytes", bytes);
            else w.WriteNull("outputBytes");
            w.WriteString("outputXxh128", OutputXxh128);
            if (ExtraColumnsBytes is { } extraBytes) w.WriteNumber("extraColumnsBytes", extraBytes);
            else w.WriteNull("extraColumnsBytes");
            w.WriteString("extraColumnsXxh128", ExtraColumnsXxh128);
            w.WriteString("staleExtraColumnsFile", StaleExtraColumnsFile);
            w.WriteString("outputFormat", OutputFormat);
            WriteObjects(w, "issues", Issues, static (w, i) =>
            {
                w.WriteString("code", i.Code);
                w.WriteString("severity", EnumName(i.Severity));
                if (i.Row is { } row) w.WriteNumber("row", row);
                else w.WriteNull("row");
                w.WriteString("column", i.Column);
                w.WriteString("value", i.Value);
                w.WriteString("fixedValue", i.FixedValue);
                w.WriteString("message", i.Message);
            });
            w.WriteNumber("issuesNotListed", IssuesNotListed);
            WriteObjects(w, "summary", Summary, static (w, s) =>
            {
                w.WriteString("code", s.Code);
                w.WriteString("severity", EnumName(s.Severity));
                w.WriteNumber("count", s.Count);
                w.WriteString("title", s.Title);
            });
            w.WriteNumber("errors", Errors);
            w.WriteNumber("warnings", Warnings);
            w.WriteNumber("fixes", Fixes);
            w.WriteBoolean("requiredFieldErrors", RequiredFieldErrors);
            w.WriteNumber("sourceCellsMapped", SourceCellsMapped);
            w.WriteNumber("sourceCellsTotal", SourceCellsTotal);
            w.WriteStartObject("requiredFieldsEmpty");
            foreach (var (field, count) in RequiredFieldsEmpty) w.WriteNumber(field, count);
            w.WriteEndObject();
            w.WriteNumber("blankRecords", BlankRecords);
            w.WriteNumber("seconds", Seconds);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The same document through the serializer (tests hold the two equal).</summary>
    internal string ToJsonWithSerializer() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A named array of objects, each written by <paramref name="write"/>.</summary>
    private static void WriteObjects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            write(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string EnumName<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

public sealed record ColumnReport(string Source, string? Field, MatchKind How);

public sealed record CandidateReport(string Schema, double Score, double Confidence);

/// <summary>Compile-time JSON metadata for the report (no reflection when a conversion ends).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ConvertReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
