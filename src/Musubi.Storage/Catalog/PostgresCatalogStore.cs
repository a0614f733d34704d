using System.Data.Common;
using Musubi.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace Musubi.Storage.Catalog;

/// <summary>Server mode: the catalog in PostgreSQL, shared by web nodes and workers. Records go in with binary COPY.</summary>
internal sealed class PostgresCatalogStore(NpgsqlConnection connection, string description) : CatalogStore(connection, description)
{
    protected override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    protected override string ForUpdate => " FOR UPDATE";

    protected override (string Sql, string Key) JsonText(string field, string parameter) => ($"(values_json::jsonb ->> {parameter})", field);

    protected override bool IsUniqueViolation(DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Sequential access; values_json (text, sent as UTF-8) is read as a stream of its bytes into one reused buffer.</summary>
    public override void ReadRecordBytes(string schemaId, string? publisherCode, RawRecordHandler handler)
    {
        using var cmd = new NpgsqlCommand(RecordBytesSql("$1", publisherCode is null ? null : "$2"), connection);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = schemaId });
        if (publisherCode is not null) cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = publisherCode });
        using var reader = cmd.ExecuteReader(System.Data.CommandBehavior.SequentialAccess);
        var json = new byte[4096];
        var code = new byte[16];
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var codeLength = 0;
            if (!reader.IsDBNull(1))
            {
                using var s = reader.GetStream(1);
                codeLength = ReadAll(s, ref code);
            }
            var dataset = reader.GetInt64(2);
            var resource = reader.GetInt64(3);
            var version = reader.GetInt64(4);
            var row = (int)reader.GetInt64(5);
            int n;
            using (var s = reader.GetStream(6)) n = ReadAll(s, ref json);
            handler(new RawRecord(id, dataset, resource, version, row, code.AsSpan(0, codeLength), json.AsSpan(0, n)));
        }
    }

    /// <summary>Reads a column's stream into <paramref name="buffer"/> (grown when needed); returns the length.</summary>
    private static int ReadAll(Stream s, ref byte[] buffer)
    {
        var n = 0;
        while (true)
        {
            if (n == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var read = s.Read(buffer, n, buffer.Length - n);
            if (read == 0) return n;
            n += read;
        }
    }

    protected override void InsertRecords(DbTransaction tx, string schemaId, long datasetId, long resourceId, long versionId, string? datasetPublisher,
        IReadOnlyList<RecordRow> rows)
    {
        if (rows.Count == 0) return;
        using var w = connection.BeginBinaryImport(
            "COPY records (schema_id, publisher_code, dataset_id, resource_id, version_id, source_row, lat, lng, values_json) FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows)
        {
            w.StartRow();
            w.Write(schemaId, NpgsqlDbType.Text);
            if ((datasetPublisher ?? r.PublisherCode) is { } pub) w.Write(pub, NpgsqlDbType.Text);
            else w.WriteNull();
            w.Write(datasetId, NpgsqlDbType.Bigint);
            w.Write(resourceId, NpgsqlDbType.Bigint);
            w.Write(versionId, NpgsqlDbType.Bigint);
            w.Write((long)r.SourceRow, NpgsqlDbType.Bigint);
            if (r.Lat is { } lat) w.Write(lat, NpgsqlDbType.Double);
            else w.WriteNull();
            if (r.Lng is { } lng) w.Write(lng, NpgsqlDbType.Double);
            else w.WriteNull();
            w.Write(r.ValuesJson, NpgsqlDbType.Text);
        }
        w.Complete();
    }
}
