using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Musubi.Map;
using Musubi.Validate;

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

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

public sealed record ColumnReport(string Source, string? Field, MatchKind How);

public sealed record CandidateReport(string Schema, double Score, double Confidence);

/// <summary>Compile-time JSON metadata for the report (no reflection when a conversion ends).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ConvertReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
