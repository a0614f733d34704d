using Dapper;
using Microsoft.Data.Sqlite;
using Musubi.Registry;

namespace Musubi.Store;

/// <summary>The embedded store: SQLite at &lt;data&gt;/musubi.db.</summary>
public sealed class SqliteTownStore : ITownStore
{
    public const string FileName = "musubi.db";

    private readonly SqliteConnection _connection;

    public string Description { get; }

    private SqliteTownStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Description = "sqlite:" + path;
    }

    /// <summary>Opens (and creates when <paramref name="create"/>) the store in the data folder; null when absent and not created.</summary>
    public static SqliteTownStore? Open(string dataDir, bool create)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!create && !File.Exists(path)) return null;
        if (create) Directory.CreateDirectory(dataDir);
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(cs);
        connection.Open();
        var store = new SqliteTownStore(connection, path);
        if (create) store.EnsureSchema();
        return store;
    }

    private void EnsureSchema()
    {
        _connection.Execute("""
            CREATE TABLE IF NOT EXISTS towns (
                lg_code TEXT NOT NULL,
                town_id TEXT NULL,
                town TEXT NOT NULL,
                koaza TEXT NOT NULL DEFAULT '',
                lat REAL NULL,
                lng REAL NULL);
            CREATE INDEX IF NOT EXISTS towns_lg_code ON towns (lg_code);
            CREATE TABLE IF NOT EXISTS town_imports (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                source TEXT NOT NULL,
                format TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                towns INTEGER NOT NULL,
                cities INTEGER NOT NULL);
            """);
    }

    public void ReplaceCities(IReadOnlyList<TownRecord> records, string source, string format)
    {
        using var tx = _connection.BeginTransaction();
        var cities = records.Select(r => r.LgCode).Distinct(StringComparer.Ordinal).ToList();
        foreach (var code in cities)
            _connection.Execute("DELETE FROM towns WHERE lg_code = @code", new { code }, tx);
        using (var cmd = _connection.CreateCommand())
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
        TownSql.LogImport(_connection, tx, source, format, records.Count, cities.Count);
        tx.Commit();
    }

    public IEnumerable<TownRecord> ReadAll()
    {
        if (!HasSchema()) yield break;
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = TownSql.SelectTowns + " ORDER BY rowid";
        foreach (var r in TownSql.Read(cmd)) yield return r;
    }

    private bool HasSchema() =>
        _connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'towns'") > 0;

    public TownStoreInfo? Info() => HasSchema() ? TownSql.Info(_connection) : null;

    public void Dispose() => _connection.Dispose();
}
