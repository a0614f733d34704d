using System.Data.Common;
using Microsoft.Data.Sqlite;
using Musubi.Catalog;
using SQLitePCL;

namespace Musubi.Storage.Catalog;

/// <summary>The embedded catalog: SQLite at &lt;data&gt;/musubi.db (one writer at a time; WAL lets readers run alongside).</summary>
internal sealed class SqliteCatalogStore(SqliteConnection connection, string description) : CatalogStore(connection, description)
{
    protected override string SkipLocked => "";

    protected override string ForUpdate => "";

    protected override (string Sql, string Key) JsonText(string field, string parameter) =>
        ($"json_extract(values_json, {parameter})", "$.\"" + field.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");

    protected override bool IsUniqueViolation(DbException e) => e is SqliteException { SqliteErrorCode: 19 };

    /// <summary>
    /// Steps the statement through SQLite's own API on this connection's handle: values_json is read as the file's UTF-8
    /// bytes in place (sqlite3_column_blob on a TEXT value gives its bytes unconverted), where the ADO.NET reader would
    /// decode every record to a string.
    /// </summary>
    public override void ReadRecordBytes(string schemaId, string? publisherCode, RawRecordHandler handler)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the store's connection is not open");
        Check(db, raw.sqlite3_prepare_v2(db, RecordBytesSql("?1", publisherCode is null ? null : "?2"), out var stmt));
        using (stmt)
        {
            Check(db, raw.sqlite3_bind_text(stmt, 1, schemaId));
            if (publisherCode is not null) Check(db, raw.sqlite3_bind_text(stmt, 2, publisherCode));
            while (true)
            {
                var rc = raw.sqlite3_step(stmt);
                if (rc == raw.SQLITE_DONE) break;
                if (rc != raw.SQLITE_ROW) Check(db, rc);
                // A NULL publisher code reads as no bytes, as "" (the exports write both as an empty cell).
                handler(new RawRecord(
                    raw.sqlite3_column_int64(stmt, 0),
                    raw.sqlite3_column_int64(stmt, 2),
                    raw.sqlite3_column_int64(stmt, 3),
                    raw.sqlite3_column_int64(stmt, 4),
                    (int)raw.sqlite3_column_int64(stmt, 5),
                    raw.sqlite3_column_blob(stmt, 1),
                    raw.sqlite3_column_blob(stmt, 6)));
            }
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE)) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    protected override void InsertRecords(DbTransaction tx, string schemaId, long datasetId, long resourceId, long versionId, string? datasetPublisher,
        IReadOnlyList<RecordRow> rows)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = (SqliteTransaction)tx;
        cmd.CommandText = "INSERT INTO records (schema_id, publisher_code, dataset_id, resource_id, version_id, source_row, lat, lng, values_json) " +
            "VALUES ($s, $p, $d, $r, $v, $row, $lat, $lng, $json)";
        cmd.Parameters.Add("$s", SqliteType.Text).Value = schemaId;
        var p = cmd.Parameters.Add("$p", SqliteType.Text);
        cmd.Parameters.Add("$d", SqliteType.Integer).Value = datasetId;
        cmd.Parameters.Add("$r", SqliteType.Integer).Value = resourceId;
        cmd.Parameters.Add("$v", SqliteType.Integer).Value = versionId;
        var row = cmd.Parameters.Add("$row", SqliteType.Integer);
        var lat = cmd.Parameters.Add("$lat", SqliteType.Real);
        var lng = cmd.Parameters.Add("$lng", SqliteType.Real);
        var json = cmd.Parameters.Add("$json", SqliteType.Text);
        cmd.Prepare();
        foreach (var r in rows)
        {
            p.Value = (object?)(datasetPublisher ?? r.PublisherCode) ?? DBNull.Value;
            row.Value = r.SourceRow;
            lat.Value = (object?)r.Lat ?? DBNull.Value;
            lng.Value = (object?)r.Lng ?? DBNull.Value;
            json.Value = r.ValuesJson;
            cmd.ExecuteNonQuery();
        }
    }
}
