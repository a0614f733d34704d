using Musubi.Read;
using Musubi.Write;

namespace Musubi.Convert;

/// <summary>Everything one conversion needs; the CLI, a web API or a worker fill it the same way.</summary>
public sealed record ConvertRequest
{
    public required string InputPath { get; init; }

    /// <summary>Force a schema id (skip detection).</summary>
    public string? SchemaId { get; init; }

    /// <summary>User mappings "source column" → "standard field".</summary>
    public IReadOnlyDictionary<string, string>? Map { get; init; }

    /// <summary>6-digit (or 5-digit) 全国地方公共団体コード of the publisher, for tables that don't say it.</summary>
    public string? Publisher { get; init; }

    /// <summary>Sheet to convert in a workbook (default: the sheet that best matches a schema).</summary>
    public string? Sheet { get; init; }

    public OutputFormat Format { get; init; } = OutputFormat.Csv;

    /// <summary>Output file; null or "-" writes to the stream given to the operation (stdout).</summary>
    public string? OutputPath { get; init; }

    /// <summary>File for columns that map to no standard field; default next to the output as NAME.extra.csv.</summary>
    public string? ExtraColumnsPath { get; init; }

    /// <summary>Write a UTF-8 BOM in CSV output (for Excel users).</summary>
    public bool Bom { get; init; }

    public ReadOptions Read { get; init; } = new();

    /// <summary>Fill and check the 所在地 fields with the base registries (address normalizer).</summary>
    public bool Addresses { get; init; } = true;

    /// <summary>Folder of the embedded store (town registry), if any.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>How many issues of one code the report keeps with row and column (all are counted).</summary>
    public int MaxIssuesPerCode { get; init; } = 1000;

    /// <summary>Lowest detection confidence accepted without --schema.</summary>
    public double MinConfidence { get; init; } = 0.3;
}

/// <summary>Progress of a running conversion.</summary>
public readonly record struct ConvertProgress(long RowsRead, long BytesRead, long BytesTotal);
