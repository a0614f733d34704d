using Dapper;
using Musubi.Registry;
using Npgsql;
using NpgsqlTypes;

namespace Musubi.Store;

/// <summary>Server mode: the same town store in PostgreSQL (MUSUBI_DB or --db holds the connection string).</summary>
public sealed class PostgresTownStore : ITownStore
{
    private readonly NpgsqlConnection _connection;

    public string Description { get; }

    public PostgresTownStore(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        Description = $"postgresql:{_connection.Host}/{_connection.Database}";
        _connection.Execute("""
            CREATE TABLE IF NOT EXISTS towns (
                lg_code TEXT NOT NULL,
                town_id TEXT NULL,
                town TEXT NOT NULL,
                koaza TEXT NOT NULL DEFAULT '',
                lat DOUBLE PRECISION NULL,
                lng DOUBLE PRECISION NULL,
                seq BIGSERIAL);
            CREATE INDEX IF NOT EXISTS towns_lg_code ON towns (lg_code);
            CREATE TABLE IF NOT EXISTS town_imports (
                id BIGSERIAL PRIMARY KEY,
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
        var cities = records.Select(r => r.LgCode).Distinct(StringComparer.Ordinal).ToArray();
        _connection.Execute("DELETE FROM towns WHERE lg_code = ANY(@cities)", new { cities }, tx);
        using (var import = _connection.BeginBinaryImport("COPY towns (lg_code, town_id, town, koaza, lat, lng) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in records)
            {
                import.StartRow();
                import.Write(r.LgCode, NpgsqlDbType.Text);
                if (r.TownId is null) import.WriteNull(); else import.Write(r.TownId, NpgsqlDbType.Text);
                import.Write(r.Town, NpgsqlDbType.Text);
                import.Write(r.Koaza, NpgsqlDbType.Text);
                if (r.Lat is { } lat) import.Write(lat, NpgsqlDbType.Double); else import.WriteNull();
                if (r.Lng is { } lng) import.Write(lng, NpgsqlDbType.Double); else import.WriteNull();
            }
            import.Complete();
        }
        TownSql.LogImport(_connection, tx, source, format, records.Count, cities.Length);
        tx.Commit();
    }

    public IEnumerable<TownRecord> ReadAll()
    {
        using var cmd = new NpgsqlCommand(TownSql.SelectTowns + " ORDER BY seq", _connection);
        foreach (var r in TownSql.Read(cmd)) yield return r;
    }

    public TownStoreInfo? Info() => TownSql.Info(_connection);

    public void Dispose() => _connection.Dispose();
}
