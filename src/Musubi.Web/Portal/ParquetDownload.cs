using System.Globalization;
using System.Text.Json;
using Musubi.Catalog;
using Musubi.Schemas;
using Musubi.Write;
using Parquet;
using Parquet.Schema;

namespace Musubi.Web.Portal;

/// <summary>
/// A national table as Apache Parquet (Parquet.Net): one string column per standard field plus record_id,
/// source_publisher_code and source_dataset_id, in row groups of <see cref="RowGroupSize"/> rows, so memory stays at one
/// row group whatever the table's size. Cells a spreadsheet would run as formulas get a leading apostrophe, as in CSV.
/// </summary>
internal static class ParquetDownload
{
    public const int RowGroupSize = 50_000;

    public static async Task WriteAsync(ICatalogStores stores, TableSchema schema, string? publisher, Stream output, CancellationToken cancellationToken)
    {
        var names = schema.Fields.Select(f => f.Name).Concat(["record_id", "source_publisher_code", "source_dataset_id"]).ToList();
        var fields = names.Select(n => new DataField<string>(n, true)).ToArray();
        var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var columns = names.Select(_ => new List<string?>(RowGroupSize)).ToArray();
        await using var counting = new PositionStream(output);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), counting, cancellationToken: cancellationToken);

        async Task Flush()
        {
            if (columns[0].Count == 0) return;
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < fields.Length; i++) await group.WriteAsync(fields[i], columns[i]);
            foreach (var c in columns) c.Clear();
        }

        using (var reader = stores.OpenForRead())
        {
            if (reader is not null)
            {
                foreach (var r in reader.StreamRecords(schema.Id, publisher))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var row = new string?[names.Count];
                    using (var doc = JsonDocument.Parse(r.ValuesJson))
                    {
                        foreach (var p in doc.RootElement.EnumerateObject())
                        {
                            if (!index.TryGetValue(p.Name, out var i)) continue;
                            var v = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                            row[i] = CsvRecordWriter.NeedsNeutralizing(v) ? "'" + v : v;
                        }
                    }
                    row[names.Count - 3] = r.Id.ToString(CultureInfo.InvariantCulture);
                    row[names.Count - 2] = r.PublisherCode;
                    row[names.Count - 1] = r.DatasetId.ToString(CultureInfo.InvariantCulture);
                    for (var i = 0; i < row.Length; i++) columns[i].Add(row[i]);
                    if (columns[0].Count >= RowGroupSize) await Flush();
                }
            }
        }
        await Flush();
    }

    /// <summary>A write-only pass-through that knows its position (Parquet's writer asks; a response body cannot tell).</summary>
    private sealed class PositionStream(Stream inner) : Stream
    {
        private long _position;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _position;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _position += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            _position += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // The response body belongs to the server: finishing the Parquet file must not close it.
        protected override void Dispose(bool disposing)
        {
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
