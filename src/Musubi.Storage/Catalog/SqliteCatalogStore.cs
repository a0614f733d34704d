using System.Data.Common;
using Microsoft.Data.Sqlite;
using Musubi.Catalog;

namespace Musubi.Storage.Catalog;

/// <summary>The embedded catalog: SQLite at &lt;data&gt;/musubi.db (one writer at a time; WAL lets readers run alongside).</summary>
internal sealed class SqliteCatalogStore(SqliteConnection connection, string description) : CatalogStore(connection, description)
{
    protected override string SkipLocked => "";

    protected override string ForUpdate => "";

    protected override bool IsUniqueViolation(DbException e) => e is SqliteException { SqliteErrorCode: 19 };

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
