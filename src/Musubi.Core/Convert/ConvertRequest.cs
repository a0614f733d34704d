using Musubi.Read;
using Musubi.Schemas;
using Musubi.Write;

namespace Musubi.Convert;

/// <summary>Everything one conversion needs; the CLI, a web API or a harvest worker fill it the same way.</summary>
public sealed record ConvertRequest
{
    public required ConvertInput Input { get; init; }

    /// <summary>Where the standard records go: a file (replaced only when the conversion finished), a stream, or a writer.</summary>
    public required ConvertOutput Output { get; init; }

    /// <summary>Write the JSON report here (beside the output, replaced the same way).</summary>
    public string? ReportPath { get; init; }

    /// <summary>Force a schema id (skip detection).</summary>
    public string? SchemaId { get; init; }

    /// <summary>User mappings "source column" → "standard field".</summary>
    public IReadOnlyDictionary<string, string>? Map { get; init; }

    /// <summary>6-digit (or 5-digit) 全国地方公共団体コード of the publisher, for tables that don't say it (wins over the input's hints).</summary>
    public string? Publisher { get; init; }

    /// <summary>Sheet to convert in a workbook (default: the sheet that best matches a schema).</summary>
    public string? Sheet { get; init; }

    public OutputFormat Format { get; init; } = OutputFormat.Csv;

    /// <summary>File for columns that map to no standard field; default next to an output file as NAME.extra.csv.</summary>
    public string? ExtraColumnsPath { get; init; }

    /// <summary>Write a UTF-8 BOM in CSV output (for Excel users).</summary>
    public bool Bom { get; init; }

    public ReadOptions Read { get; init; } = new();

    /// <summary>Fill and check the 所在地 fields with the base registries (address normalizer).</summary>
    public bool Addresses { get; init; } = true;

    /// <summary>How many issues of one code the report keeps with row and column (all are counted).</summary>
    public int MaxIssuesPerCode { get; init; } = 1000;

    /// <summary>Lowest detection confidence accepted without a given schema.</summary>
    public double MinConfidence { get; init; } = 0.3;

    /// <summary>Rows read so far, now and then; null for none.</summary>
    public IProgress<ConvertProgress>? Progress { get; init; }
}

/// <summary>What a source knows about a table besides its bytes; detection and the publisher use it.</summary>
public sealed record SourceHints
{
    public static SourceHints None { get; } = new();

    /// <summary>The dataset's or resource's title in its catalog.</summary>
    public string? Title { get; init; }

    /// <summary>全国地方公共団体コード of the publisher, when the catalog says it.</summary>
    public string? Publisher { get; init; }

    /// <summary>The publishing organization's name (e.g. 埼玉県さいたま市), when the catalog gives only a name.</summary>
    public string? Organization { get; init; }

    /// <summary>Where the bytes came from (shown in the report instead of a temporary path).</summary>
    public string? Url { get; init; }

    /// <summary>The media type the source declared (advice only: the content decides).</summary>
    public string? MediaType { get; init; }

    /// <summary>Tags or keywords from the catalog.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
}

/// <summary>The table to convert: a file, or a stream with the name its source gives it, plus hints.</summary>
public sealed record ConvertInput
{
    private ConvertInput()
    {
    }

    /// <summary>A file on disk, when the input is one.</summary>
    public string? Path { get; private init; }

    /// <summary>The bytes, when the input is not a file (read once; seekable or not).</summary>
    public Stream? Stream { get; private init; }

    /// <summary>The file name as the source calls it (222127_aed.csv, 【さいたま市】AED.xlsx): used in messages and for detection.</summary>
    public required string Name { get; init; }

    public SourceHints Hints { get; init; } = SourceHints.None;

    public static ConvertInput FromFile(string path, SourceHints? hints = null) =>
        new() { Path = path, Name = System.IO.Path.GetFileName(path), Hints = hints ?? SourceHints.None };

    public static ConvertInput FromStream(Stream stream, string name, SourceHints? hints = null) =>
        new() { Stream = stream, Name = name, Hints = hints ?? SourceHints.None };

    /// <summary>How the report names the input: the file's full path, else the URL it came from, else its name.</summary>
    public string Describe() => Path is not null ? System.IO.Path.GetFullPath(Path) : Hints.Url ?? Name;
}

/// <summary>Where standard records go.</summary>
public sealed record ConvertOutput
{
    private ConvertOutput()
    {
    }

    public string? Path { get; private init; }

    public Stream? Stream { get; private init; }

    public Func<TableSchema, IRecordWriter>? Writer { get; private init; }

    /// <summary>A file: written beside it first, moved into place only when the conversion finished.</summary>
    public static ConvertOutput ToFile(string path) => new() { Path = path };

    /// <summary>A stream the caller owns (stdout, an HTTP response): left open.</summary>
    public static ConvertOutput ToStream(Stream stream) => new() { Stream = stream };

    /// <summary>A writer the caller builds for the chosen schema (e.g. the harvester's store of unified records).</summary>
    public static ConvertOutput ToWriter(Func<TableSchema, IRecordWriter> create) => new() { Writer = create };
}

/// <summary>Progress of a running conversion.</summary>
public readonly record struct ConvertProgress(long RowsRead, long BytesRead, long BytesTotal);
