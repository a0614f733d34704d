using System.Globalization;
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

    /// <summary>Rows handed from the reading thread to the writing one at a time.</summary>
    private const int BatchRows = 512;

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
        var index = schema.Fields.Select((f, i) => (f.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var publishers = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0;
        using var store = stores.OpenForRead();
        using (var writer = RecordWriters.Create(request.Format, request.Output, wide, request.Bom))
        {
            if (store is not null)
            {
                // Read first: one connection cannot run a second query while the records stream.
                var provenance = store.Provenances(schema.Id);
                // Two stages on two threads: reading the store and parsing each record's JSON here, the CSV/JSON writer
                // and the output stream on the caller's thread; a bounded queue of row batches keeps memory flat.
                using var queue = new System.Collections.Concurrent.BlockingCollection<string[][]>(boundedCapacity: 4);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var producer = Task.Factory.StartNew(() =>
                {
                    try
                    {
                        var batch = new List<string[]>(BatchRows);
                        foreach (var r in store.StreamRecords(schema.Id, request.PublisherCode))
                        {
                            stop.Token.ThrowIfCancellationRequested();
                            var values = new string[wide.Fields.Count];
                            Array.Fill(values, "");
                            using (var doc = JsonDocument.Parse(r.ValuesJson))
                            {
                                foreach (var p in doc.RootElement.EnumerateObject())
                                    if (index.TryGetValue(p.Name, out var i)) values[i] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                            }
                            var prov = provenance.GetValueOrDefault(r.ResourceId);
                            values[n] = r.PublisherCode ?? "";
                            values[n + 1] = prov?.PublisherName ?? "";
                            values[n + 2] = prov?.SourceId ?? "";
                            values[n + 3] = r.DatasetId.ToString(CultureInfo.InvariantCulture);
                            values[n + 4] = prov?.DatasetTitle ?? "";
                            values[n + 5] = prov?.ResourceUrl ?? "";
                            values[n + 6] = r.VersionId.ToString(CultureInfo.InvariantCulture);
                            values[n + 7] = r.SourceRow.ToString(CultureInfo.InvariantCulture);
                            values[n + 8] = r.Id.ToString(CultureInfo.InvariantCulture);
                            batch.Add(values);
                            if (batch.Count == BatchRows)
                            {
                                queue.Add([.. batch], stop.Token);
                                batch.Clear();
                            }
                        }
                        if (batch.Count > 0) queue.Add([.. batch], stop.Token);
                    }
                    finally
                    {
                        queue.CompleteAdding();
                    }
                }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                try
                {
                    foreach (var batch in queue.GetConsumingEnumerable(stop.Token))
                    {
                        foreach (var values in batch)
                        {
                            // The provenance columns hold the source row and the publisher code at fixed places.
                            writer.Write(values, int.Parse(values[n + 7], CultureInfo.InvariantCulture));
                            if (values[n].Length > 0) publishers.Add(values[n]);
                            rows++;
                        }
                    }
                }
                catch
                {
                    stop.Cancel();
                    try
                    {
                        producer.Wait(CancellationToken.None);
                    }
                    catch (AggregateException)
                    {
                        // the writer's error is the one reported
                    }
                    throw;
                }
                // The reader's own error (the store failed) surfaces here.
                producer.GetAwaiter().GetResult();
            }
            writer.Complete();
        }
        request.Output.Flush();
        return new ExportResult(schema.Id, rows, publishers.Count);
    }
}
