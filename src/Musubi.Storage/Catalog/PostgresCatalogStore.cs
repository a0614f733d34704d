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

    protected override bool IsUniqueViolation(DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

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
