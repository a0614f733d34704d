using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Catalog;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Schemas;
using Musubi.Storage;
using Musubi.Tests.Support;
using Musubi.Write;

namespace Musubi.Tests.Catalog;

/// <summary>
/// The national export reads each record's values_json as the store's UTF-8 bytes and copies the values into the writer
/// without strings. These tests hold it to the string path it replaced (JsonDocument → GetString/GetRawText → the
/// writers' string API), byte for byte, on tricky records in real SQLite and PostgreSQL stores.
/// </summary>
public sealed class ExportTests
{
    private const string Sendai = "041009";

    /// <summary>values_json as stores may hold it: what RecordBuffer writes, and what older or other writers could have.</summary>
    private static readonly string[] TrickyJson =
    [
        // RecordBuffer's own output (relaxed escaping: quotes, backslashes and control characters escaped, Japanese raw).
        Relaxed(new() { ["名称"] = "say \"hi\", ok", ["所在地_連結表記"] = "仙台市\r\n青葉区", ["備考"] = "a\\b\tc" }),
        Relaxed(new() { ["名称"] = "=HYPERLINK(\"http://x\")", ["所在地_連結表記"] = "+81 22", ["電話番号"] = "-12.5", ["備考"] = "-" }),
        Relaxed(new() { ["名称"] = "＝SUM(A1)", ["所在地_連結表記"] = "＋", ["電話番号"] = "－1", ["備考"] = "＠x" }),
        Relaxed(new() { ["名称"] = "@cmd", ["所在地_連結表記"] = "\tx", ["電話番号"] = "\rx", ["備考"] = "+3" }),
        Relaxed(new() { ["名称"] = "😀 絵文字 é ±", ["所在地_連結表記"] = new string('鬱', 30_000), ["備考"] = "" }),
        Relaxed(new() { ["名称"] = "\u0001\u001F\u007F", ["緯度"] = "35.1", ["経度"] = "139.5" }),
        Relaxed(new()),
        // Escaped everything (the default encoder), names and values alike; a surrogate pair as two escapes.
        JsonSerializer.Serialize(new Dictionary<string, string> { ["名称"] = "<b>&amp;</b> 'q'", ["所在地_連結表記"] = "\uD83D\uDE00", ["緯度"] = "38.26" }),
        // Not strings: numbers, literals, null, nested values; unknown and repeated keys; fields out of order; whitespace.
        """{"緯度": 38.2682 , "経度":140.8694,"名称":null,"所在地_連結表記":true,"備考":[1, "a,b" ,{"x":"y"}],"電話番号":{"a" : 1}}""",
        """{"unknown":"x","名称":"first","名称":"second","nested":{"名称":"inner"},"ID":"7"}""",
        """{"備考":"last field first","名称":"\u540D\u79F0 escaped","\u8A2D\u7F6E\u4F4D\u7F6E":"escaped name"}""",
    ];

    private static string Relaxed(Dictionary<string, string> values) =>
        JsonSerializer.Serialize(values, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void Sqlite_byte_path_writes_what_the_string_path_wrote() => Same("sqlite");

    [PostgresFact]
    public void Postgres_byte_path_writes_what_the_string_path_wrote() => Same("postgresql");

    private static void Same(string engine)
    {
        using var temp = new TempDir();
        using var pg = engine == "postgresql" ? new PostgresTestSchema() : null;
        using var services = StorageServices.BuildMusubi(new MusubiOptions { DataDirectory = temp.Path, Database = pg?.ConnectionString });
        var stores = services.GetRequiredService<ICatalogStores>();
        Fill(stores);
        var export = services.GetRequiredService<ExportOperation>();
        foreach (var format in new[] { OutputFormat.Csv, OutputFormat.Json, OutputFormat.GeoJson })
        {
            foreach (var bom in new[] { false, true })
            {
                foreach (var publisher in new[] { null, Sendai })
                {
                    var expected = StringPath(stores, format, bom, publisher);
                    using var ms = new MemoryStream();
                    var r = export.RunAsync(new ExportRequest("aed", ms) { Format = format, Bom = bom, PublisherCode = publisher }, Caller.Anonymous).Result;
                    Assert.True(r.IsOk, r.IsOk ? "" : r.Error.Message);
                    var actual = ms.ToArray();
                    Assert.True(expected.AsSpan().SequenceEqual(actual), $"{engine} {format} bom={bom} publisher={publisher}: the byte path differs\n" +
                        $"expected:\n{Encoding.UTF8.GetString(expected)}\nactual:\n{Encoding.UTF8.GetString(actual)}");
                    Assert.Equal(publisher is null ? TrickyJson.Length * 2 : TrickyJson.Length, r.Value.Rows);
                    if (format == OutputFormat.Csv)
                    {
                        // The data is what the test says it is: formulas neutralized, quotes doubled, raw JSON of non-strings.
                        var text = Encoding.UTF8.GetString(actual);
                        foreach (var part in new[] { "\"'=HYPERLINK(\"\"http://x\"\")\"", "'＝SUM(A1)", ",-12.5,", ",null,", ",true,", "escaped name", "\"[1, \"\"a,b\"\" ,{\"\"x\"\":\"\"y\"\"}]\"", "second", "名称 escaped", "\"仙台市\r\n青葉区\"" })
                            Assert.Contains(part, text, StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    /// <summary>Two datasets: one with a publisher (Sendai), one without (its records keep the row's own code or none).</summary>
    internal static void Fill(ICatalogStores stores)
    {
        using var s = stores.OpenForWrite();
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        s.UpsertPublisher(new Publisher(Sendai, "宮城県仙台市") { Prefecture = "宮城県" });
        s.AddSource(new CatalogSource("src", "folder", "/nowhere") { Name = "テスト, \"源\"" });
        for (var d = 0; d < 2; d++)
        {
            var dataset = s.UpsertDataset(new DatasetInfo
            {
                SourceId = "src",
                RemoteKey = "ds" + d,
                Title = d == 0 ? "=AED \"一覧\",\r\n仙台" : "AED 2",
                PublisherCode = d == 0 ? Sendai : null,
            }, at);
            var resource = s.UpsertResource(dataset, new ResourceInfo { RemoteKey = "r", Url = d == 0 ? "http://example.test/a,b.csv" : null });
            var rows = TrickyJson.Select((json, i) => new RecordRow(json, i + 2, i == 5 ? 35.1 : null, i == 5 ? 139.5 : null, d == 1 && i % 2 == 0 ? "011002" : null)).ToList();
            s.StoreVersion(new ResourceVersion { Id = 0, ResourceId = resource, Sha256 = new string((char)('a' + d), 64), FetchedAt = at, BlobKey = "sha256:x" },
                new Conversion { VersionId = 0, SchemaId = "aed", Succeeded = true, ConvertedAt = at, RowsRead = rows.Count, RowsWritten = rows.Count },
                rows, "aed", new PublishDecision(true, "first version", at));
        }
    }

    /// <summary>The export as it was written before the byte path (ExportOperation up to 74c5fb5), kept here as the reference.</summary>
    private static byte[] StringPath(ICatalogStores stores, OutputFormat format, bool bom, string? publisher)
    {
        var schema = SchemaCatalog.Default.Find("aed")!;
        var wide = new TableSchema
        {
            Id = schema.Id,
            Version = schema.Version,
            Title = schema.Title,
            TitleEn = schema.TitleEn,
            Source = schema.Source,
            PrimaryKey = schema.PrimaryKey,
            Fields = [.. schema.Fields, .. ExportOperation.ProvenanceColumns.Select(c => new FieldSchema { Name = c, Type = c is "source_dataset_id" or "source_version_id" or "source_row" or "record_id" ? "integer" : "string" })],
        };
        var n = schema.Fields.Count;
        var index = schema.Fields.Select((f, i) => (f.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        using var ms = new MemoryStream();
        using var store = stores.OpenForRead()!;
        var provenance = store.Provenances(schema.Id);
        using (var writer = RecordWriters.Create(format, ms, wide, bom))
        {
            foreach (var r in store.StreamRecords(schema.Id, publisher).ToList())
            {
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
                writer.Write(values, r.SourceRow);
            }
            writer.Complete();
        }
        return ms.ToArray();
    }

    [Fact]
    public void Byte_reads_give_every_record_with_its_columns_on_sqlite() => ByteReads("sqlite");

    [PostgresFact]
    public void Byte_reads_give_every_record_with_its_columns_on_postgres() => ByteReads("postgresql");

    private static void ByteReads(string engine)
    {
        using var temp = new TempDir();
        using var pg = engine == "postgresql" ? new PostgresTestSchema() : null;
        using var services = StorageServices.BuildMusubi(new MusubiOptions { DataDirectory = temp.Path, Database = pg?.ConnectionString });
        var stores = services.GetRequiredService<ICatalogStores>();
        Fill(stores);
        using var reader = stores.OpenForRead()!;
        foreach (var publisher in new[] { null, Sendai, "999999" })
        {
            var expected = reader.StreamRecords("aed", publisher).Select(r => r with { Lat = null, Lng = null }).ToList();
            var actual = new List<UnifiedRecord>();
            reader.ReadRecordBytes("aed", publisher, r => actual.Add(new UnifiedRecord
            {
                Id = r.Id,
                SchemaId = "aed",
                PublisherCode = r.PublisherCode.Length > 0 ? Encoding.UTF8.GetString(r.PublisherCode) : null,
                DatasetId = r.DatasetId,
                ResourceId = r.ResourceId,
                VersionId = r.VersionId,
                SourceRow = r.SourceRow,
                ValuesJson = Encoding.UTF8.GetString(r.ValuesJson),
            }));
            Assert.Equal(expected, actual);
        }
        Assert.Empty(Read(reader, "public-toilet"));
    }

    private static List<long> Read(ICatalogReader reader, string schema)
    {
        var ids = new List<long>();
        reader.ReadRecordBytes(schema, null, r => ids.Add(r.Id));
        return ids;
    }
}
