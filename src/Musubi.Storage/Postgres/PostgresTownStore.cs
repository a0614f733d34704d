using Dapper;
using Musubi.Registry;
using Npgsql;
using NpgsqlTypes;

namespace Musubi.Storage.Postgres;

/// <summary>Server mode: the town store in PostgreSQL.</summary>
public sealed class PostgresTownStore(NpgsqlConnection connection) : ITownStore
{
    public string Description { get; } = PostgresDatabase.Describe(connection);

    public void ReplaceCities(IReadOnlyList<TownRecord> records, string source, string format)
    {
        using var tx = connection.BeginTransaction();
        var cities = records.Select(r => r.LgCode).Distinct(StringComparer.Ordinal).ToArray();
        connection.Execute("DELETE FROM towns WHERE lg_code = ANY(@cities)", new { cities }, tx);
        using (var import = connection.BeginBinaryImport("COPY towns (lg_code, town_id, town, koaza, lat, lng) FROM STDIN (FORMAT BINARY)"))
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
        TownSql.LogImport(connection, tx, source, format, records.Count, cities.Length);
        tx.Commit();
    }

    public IEnumerable<TownRecord> ReadAll()
    {
        if (!TownSql.HasTowns(connection, Dialect.Postgres)) yield break;
        using var cmd = new NpgsqlCommand(TownSql.SelectTowns + " ORDER BY seq", connection);
        foreach (var r in TownSql.Read(cmd)) yield return r;
    }

    public TownStoreInfo? Info() => TownSql.HasTowns(connection, Dialect.Postgres) ? TownSql.Info(connection) : null;

    public void Dispose() => connection.Dispose();
}
