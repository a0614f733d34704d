using System.Text.Json;
using Musubi.Operations;
using Musubi.Schemas;
using Musubi.Write;

namespace Musubi.Catalog;

/// <summary>Writes the national table of one standard dataset: every published row of every municipality.</summary>
public sealed record ExportRequest(string SchemaId, Stream Output)
{
    public OutputFormat Format { get; init; } = OutputFormat.Csv;

    /// <summary>Only this publisher's rows (全国地方公共団体コード).</summary>
    public string? PublisherCode { get; init; }

    public bool Bom { get; init; }
}

public sealed record ExportResult(string SchemaId, long Rows, int Publishers);

/// <summary>
/// The export: the schema's fields in the standard's order, then the provenance columns (<see cref="ProvenanceColumns"/>),
/// streamed from the store in record-id order (the same data always gives the same bytes).
/// </summary>
public sealed class ExportOperation(SchemaCatalog schemas, ICatalogStores stores) : IOperation<ExportRequest, ExportResult>
{
    /// <summary>Where each row came from, after the standard fields.</summary>
    public static readonly IReadOnlyList<string> ProvenanceColumns =
        ["source_publisher_code", "source_publisher", "source_id", "source_dataset_id", "source_dataset", "source_url", "source_version_id", "source_row", "record_id"];

    public Task<Result<ExportResult>> RunAsync(ExportRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run(() => Export(request, cancellationToken)));

    private ExportResult Export(ExportRequest request, CancellationToken cancellationToken)
    {
        var schema = schemas.Find(request.SchemaId)
            ?? throw new OperationException(OperationError.NotFound($"no standard dataset '{request.SchemaId}'", request.SchemaId) with { Field = "SchemaId" });
        var wide = new TableSchema
        {
            Id = schema.Id,
            Version = schema.Version,
            Title = schema.Title,
            TitleEn = schema.TitleEn,
            Source = schema.Source,
            PrimaryKey = schema.PrimaryKey,
            Fields = [.. schema.Fields, .. ProvenanceColumns.Select(c => new FieldSchema { Name = c, Type = c is "source_dataset_id" or "source_version_id" or "source_row" or "record_id" ? "integer" : "string" })],
        };
        var n = schema.Fields.Count;
        var publishers = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0;
        using var store = stores.OpenForRead();
        using (var writer = RecordWriters.Create(request.Format, request.Output, wide, request.Bom))
        {
            if (store is not null)
            {
                // Read first: one connection cannot run a second query while the records stream.
                var provenance = store.Provenances(schema.Id);
                // No strings on the way: the store's UTF-8 values_json is walked with Utf8JsonReader and each value's bytes
                // copied into the writer's cells; the provenance columns are encoded once per resource.
                var writeBytes = (IUtf8RecordWriter)writer;
                var cells = new Utf8Cells(wide.Fields.Count);
                var fields = new FieldNames(schema.Fields.Select(f => f.Name));
                var resources = new Dictionary<long, byte[][]>();
                byte[] lastPublisher = [];
                store.ReadRecordBytes(schema.Id, request.PublisherCode, r =>
                {
                    if ((rows & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                    cells.Clear();
                    ReadValues(r.ValuesJson, fields, cells);
                    if (!resources.TryGetValue(r.ResourceId, out var prov))
                    {
                        var p = provenance.GetValueOrDefault(r.ResourceId);
                        prov = [.. new[] { p?.PublisherName, p?.SourceId, p?.DatasetTitle, p?.ResourceUrl }.Select(x => System.Text.Encoding.UTF8.GetBytes(x ?? ""))];
                        resources[r.ResourceId] = prov;
                    }
                    cells.Set(n, r.PublisherCode);
                    cells.Set(n + 1, prov[0]);
                    cells.Set(n + 2, prov[1]);
                    cells.Set(n + 3, r.DatasetId);
                    cells.Set(n + 4, prov[2]);
                    cells.Set(n + 5, prov[3]);
                    cells.Set(n + 6, r.VersionId);
                    cells.Set(n + 7, r.SourceRow);
                    cells.Set(n + 8, r.Id);
                    writeBytes.Write(cells, r.SourceRow);
                    if (r.PublisherCode.Length > 0 && !r.PublisherCode.SequenceEqual(lastPublisher))
                    {
                        lastPublisher = r.PublisherCode.ToArray();
                        publishers.Add(System.Text.Encoding.UTF8.GetString(lastPublisher));
                    }
                    rows++;
                });
            }
            writer.Complete();
        }
        request.Output.Flush();
        return new ExportResult(schema.Id, rows, publishers.Count);
    }

    /// <summary>
    /// Copies each value of a record's JSON object into the cell of its field: strings unescaped (their bytes as they are
    /// when nothing is escaped), other values as their raw JSON text — what JsonElement's GetString/GetRawText gave.
    /// Properties that are no field are skipped; a repeated property's last value wins.
    /// </summary>
    internal static void ReadValues(ReadOnlySpan<byte> json, FieldNames fields, Utf8Cells cells)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a record's values are not a JSON object");
        var guess = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var i = fields.Find(ref reader, ref guess);
            if (i < 0)
            {
                reader.Skip();
                continue;
            }
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String when !reader.ValueIsEscaped:
                    cells.Set(i, reader.ValueSpan);
                    break;
                case JsonTokenType.String:
                    cells.Commit(i, reader.CopyString(cells.Reserve(reader.ValueSpan.Length)));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    cells.Set(i, json[start..(int)reader.BytesConsumed]);
                    break;
                default:
                    cells.Set(i, reader.ValueSpan);
                    break;
            }
        }
    }

    /// <summary>The schema's field names in UTF-8, looked up in the order records usually list them.</summary>
    internal sealed class FieldNames(IEnumerable<string> names)
    {
        private readonly byte[][] _names = [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];

        /// <summary>The index of the property name the reader is on, or -1; <paramref name="guess"/> is the next field expected.</summary>
        public int Find(ref Utf8JsonReader reader, ref int guess)
        {
            if (guess < _names.Length && reader.ValueTextEquals(_names[guess])) return guess++;
            for (var i = 0; i < _names.Length; i++)
            {
                if (!reader.ValueTextEquals(_names[i])) continue;
                guess = i + 1;
                return i;
            }
            return -1;
        }
    }
}
