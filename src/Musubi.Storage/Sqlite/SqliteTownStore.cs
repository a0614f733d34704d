using Microsoft.Data.Sqlite;
using Musubi.Registry;

namespace Musubi.Storage.Sqlite;

/// <summary>The embedded town store: SQLite at &lt;data&gt;/musubi.db.</summary>
public sealed class SqliteTownStore(SqliteConnection connection, string description) : ITownStore
{
    public string Description { get; } = description;

    public void ReplaceCities(IReadOnlyList<TownRecord> records, string source, string format)
    {
        using var tx = connection.BeginTransaction();
        var cities = records.Select(r => r.LgCode).Distinct(StringComparer.Ordinal).ToList();
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM towns WHERE lg_code = $code";
            var pCode = delete.Parameters.Add("$code", SqliteType.Text);
            foreach (var code in cities)
            {
                pCode.Value = code;
                delete.ExecuteNonQuery();
            }
        }
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO towns (lg_code, town_id, town, koaza, lat, lng) VALUES ($lg, $id, $town, $koaza, $lat, $lng)";
            var pLg = cmd.Parameters.Add("$lg", SqliteType.Text);
            var pId = cmd.Parameters.Add("$id", SqliteType.Text);
            var pTown = cmd.Parameters.Add("$town", SqliteType.Text);
            var pKoaza = cmd.Parameters.Add("$koaza", SqliteType.Text);
            var pLat = cmd.Parameters.Add("$lat", SqliteType.Real);
            var pLng = cmd.Parameters.Add("$lng", SqliteType.Real);
            cmd.Prepare();
            foreach (var r in records)
            {
                pLg.Value = r.LgCode;
                pId.Value = (object?)r.TownId ?? DBNull.Value;
                pTown.Value = r.Town;
                pKoaza.Value = r.Koaza;
                pLat.Value = (object?)r.Lat ?? DBNull.Value;
                pLng.Value = (object?)r.Lng ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
        }
        TownSql.LogImport(connection, tx, source, format, records.Count, cities.Count);
        tx.Commit();
    }

    public IEnumerable<TownRecord> ReadAll()
    {
        if (!TownSql.HasTowns(connection, Dialect.Sqlite)) yield break;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = TownSql.SelectTowns + " ORDER BY rowid";
        foreach (var r in TownSql.Read(cmd)) yield return r;
    }

    public TownStoreInfo? Info() => TownSql.HasTowns(connection, Dialect.Sqlite) ? TownSql.Info(connection) : null;

    public void Dispose() => connection.Dispose();
}
