using System.Data;
using System.Data.Common;
using Dapper;
using Musubi.Registry;

namespace Musubi.Storage;

/// <summary>The SQL both town stores share; only bulk insert differs by database (tables are in Migrations/).</summary>
internal static class TownSql
{
    public const string SelectTowns = "SELECT lg_code, town_id, town, koaza, lat, lng FROM towns";

    public static void LogImport(IDbConnection connection, IDbTransaction tx, string source, string format, int towns, int cities) =>
        connection.Execute(
            "INSERT INTO town_imports (source, format, imported_at, towns, cities) VALUES (@source, @format, @at, @towns, @cities)",
            new { source, format, at = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"), towns, cities }, tx);

    public static IEnumerable<TownRecord> Read(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new TownRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5));
        }
    }

    public static bool HasTowns(DbConnection connection, Dialect dialect) => dialect == Dialect.Sqlite
        ? connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'towns'") > 0
        : connection.ExecuteScalar<bool>("SELECT to_regclass('towns') IS NOT NULL");

    public static TownStoreInfo Info(IDbConnection connection)
    {
        var towns = connection.ExecuteScalar<long>("SELECT count(*) FROM towns");
        var cities = connection.ExecuteScalar<long>("SELECT count(DISTINCT lg_code) FROM towns");
        var last = connection.QueryFirstOrDefault<(string Source, string Format, string ImportedAt)?>(
            "SELECT source AS Source, format AS Format, imported_at AS ImportedAt FROM town_imports ORDER BY id DESC LIMIT 1");
        return new TownStoreInfo((int)towns, (int)cities, last?.Source, last?.Format, last?.ImportedAt);
    }
}
