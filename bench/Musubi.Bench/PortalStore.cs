using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Musubi.Catalog;
using Musubi.Hosting;
using Musubi.Storage;

namespace Musubi.Bench;

/// <summary>
/// Fills an embedded (SQLite) store for the portal benchmark (scripts/bench/portal.sh): the real store creates and
/// migrates the database, then one SQL transaction inserts publishers, one source, DATASETS datasets with one resource
/// each, and RECORDS published AED records (100 per dataset in the first RECORDS/100 datasets: a national table of
/// RECORDS rows, the size the national CSV download is measured on). Row-at-a-time through the store's API would be one
/// commit per dataset (100,000 fsyncs); the tables and columns are the migrations' own.
/// With --db CONNECTION the same store is then copied into PostgreSQL (the real store creates the tables there; COPY per
/// table, sequences moved past the ids), so both engines serve the same rows; an existing DIR/musubi.db is reused.
/// Usage: Musubi.Bench portal-store --data DIR [--records N] [--datasets N] [--db CONNECTION]
/// </summary>
public static class PortalStore
{
    private const int RecordsPerDataset = 100;

    public static int Run(string[] args)
    {
        string? dir = null, db = null;
        int records = 1_000_000, datasets = 100_000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": dir = args[++i]; break;
                case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--datasets": datasets = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--db": db = args[++i]; break;
            }
        }
        if (dir is null)
        {
            Console.Error.WriteLine("portal-store: --data is required");
            return 2;
        }
        var withRecords = (records + RecordsPerDataset - 1) / RecordsPerDataset;
        if (withRecords > datasets)
        {
            Console.Error.WriteLine($"portal-store: {records} records need at least {withRecords} datasets");
            return 2;
        }
        if (db is not null && File.Exists(Path.Combine(dir, "musubi.db"))) return CopyToPostgres(dir, db);
        var sw = Stopwatch.StartNew();
        Directory.CreateDirectory(dir);
        // The real store creates the file and applies every migration.
        ((ICatalogStores)new StoreFactory(new MusubiOptions { DataDirectory = dir })).OpenForWrite().Dispose();

        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "musubi.db") }.ToString());
        c.Open();
        Exec(c, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
        using var tx = c.BeginTransaction();
        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var munis = SearchCorpus.Municipalities();
        var pub = Cmd(c, tx, "INSERT OR IGNORE INTO publishers (code, name, prefecture) VALUES ($1, $2, $3)");
        foreach (var m in munis) Run(pub, m.Gov.Code, m.Gov.FullName, m.Gov.Prefecture);
        Run(Cmd(c, tx, "INSERT INTO sources (id, kind, location, name, created_at) VALUES ('bench', 'ckan', 'http://127.0.0.1:1/', 'benchmark', $1)"), now);
        Run(Cmd(c, tx, "INSERT INTO harvest_jobs (source_id, state, started_at, finished_at, counts_json) VALUES ('bench', 'Done', $1, $1, '{}')"), now);

        var ds = Cmd(c, tx, "INSERT INTO datasets (id, source_id, remote_key, name, title, description, license_id, tags_json, categories_json, publisher_code, publisher_name, first_seen_at, last_seen_at) " +
            "VALUES ($1, 'bench', $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)");
        var res = Cmd(c, tx, "INSERT INTO resources (id, dataset_id, remote_key, url, name, format) VALUES ($1, $1, 'r', $2, $3, $4)");
        var ver = Cmd(c, tx, "INSERT INTO resource_versions (id, resource_id, sha256, fetched_at, size, media_type, blob_key) VALUES ($1, $1, $2, $3, $4, 'text/csv', 'sha256:' || $2)");
        var conv = Cmd(c, tx, "INSERT INTO conversions (id, version_id, schema_id, confidence, rows_read, rows_written, succeeded, converted_at) VALUES ($1, $1, 'aed', 0.95, $2, $2, 1, $3)");
        var publ = Cmd(c, tx, "INSERT INTO publications (resource_id, version_id, conversion_id, schema_id, published_at, rows) VALUES ($1, $1, $1, 'aed', $2, $3)");
        var rec = Cmd(c, tx, "INSERT INTO records (schema_id, publisher_code, dataset_id, resource_id, version_id, source_row, lat, lng, values_json) VALUES ('aed', $1, $2, $2, $2, $3, $4, $5, $6)");
        var rnd = new Random(3);
        var aed = Musubi.Schemas.SchemaCatalog.Default.Find("aed")!;
        var written = 0;
        for (var d = 1; d <= datasets; d++)
        {
            var m = munis[(int)(Math.Pow(rnd.NextDouble(), 1.6) * munis.Count)];
            var published = d <= withRecords;
            var year = rnd.Next(1, 8);
            var title = published
                ? rnd.Next(4) switch
                {
                    0 => aed.Title,
                    1 => $"{m.Gov.CityName}{aed.Title}",
                    2 => $"AED設置場所一覧（令和{year}年{rnd.Next(1, 13)}月時点）",
                    _ => $"第{rnd.Next(1, 5)}版 一覧表",
                }
                : $"{SearchCorpus.OtherTitles[rnd.Next(SearchCorpus.OtherTitles.Length)]}（令和{year}年度）";
            var category = SearchCorpus.Categories[rnd.Next(SearchCorpus.Categories.Length)];
            var format = published ? "CSV" : SearchCorpus.FormatSets[rnd.Next(SearchCorpus.FormatSets.Length)].Split(',')[0];
            var key = "bench-" + d.ToString("D6", CultureInfo.InvariantCulture);
            Run(ds, d, key, title, $"{m.Gov.FullName}が公開している{title}のデータです。{SearchCorpus.Notes[rnd.Next(SearchCorpus.Notes.Length)]}",
                SearchCorpus.Licences[rnd.Next(SearchCorpus.Licences.Length)], JsonSerializer.Serialize(published ? new[] { "AED", "防災" } : [category]),
                JsonSerializer.Serialize(new[] { category }), m.Gov.Code, m.Gov.FullName, now);
            Run(res, d, $"http://127.0.0.1:1/{key}.{format.ToLowerInvariant()}", title + "." + format.ToLowerInvariant(), format);
            if (!published) continue;
            var rows = Math.Min(RecordsPerDataset, records - written);
            var sha = System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(d)));
            Run(ver, d, sha, now, rows * 300);
            Run(conv, d, rows, now);
            Run(publ, d, now, rows);
            for (var r = 0; r < rows; r++, written++)
            {
                var (pw, pk) = SearchCorpus.Places[rnd.Next(SearchCorpus.Places.Length)];
                var (fw, fk) = SearchCorpus.Facilities["aed"][rnd.Next(SearchCorpus.Facilities["aed"].Length)];
                var lat = Math.Round(m.Lat + ((rnd.NextDouble() - 0.5) * 0.06), 6);
                var lng = Math.Round(m.Lon + ((rnd.NextDouble() - 0.5) * 0.06), 6);
                var town = SearchCorpus.Places[rnd.Next(SearchCorpus.Places.Length)].Word;
                var values = new Dictionary<string, string>
                {
                    ["全国地方公共団体コード"] = m.Gov.Code,
                    ["ID"] = (written + 1).ToString("D7", CultureInfo.InvariantCulture),
                    ["地方公共団体名"] = m.Gov.FullName,
                    ["名称"] = pw + fw,
                    ["名称_カナ"] = pk + fk,
                    ["所在地_連結表記"] = $"{m.Gov.FullName}{town}{rnd.Next(1, 6)}丁目{rnd.Next(1, 30)}番{rnd.Next(1, 20)}号",
                    ["所在地_都道府県"] = m.Gov.Prefecture,
                    ["所在地_市区町村"] = m.Gov.CityName,
                    ["緯度"] = lat.ToString("F6", CultureInfo.InvariantCulture),
                    ["経度"] = lng.ToString("F6", CultureInfo.InvariantCulture),
                    ["設置位置"] = rnd.Next(3) switch { 0 => "1階玄関", 1 => "2階事務室前", _ => "体育館入口" },
                    ["電話番号"] = $"0{rnd.Next(10, 99)}-{rnd.Next(100, 999)}-{rnd.Next(1000, 9999)}",
                    ["利用可能曜日"] = "月,火,水,木,金",
                    ["開始時間"] = "08:30",
                    ["終了時間"] = "17:15",
                    ["小児対応設備の有無"] = rnd.Next(2) == 0 ? "有" : "無",
                    ["備考"] = SearchCorpus.Notes[rnd.Next(SearchCorpus.Notes.Length)],
                };
                Run(rec, m.Gov.Code, d, r + 2, lat, lng, JsonSerializer.Serialize(values, BenchJson));
            }
        }
        tx.Commit();
        Exec(c, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"portal-store: {datasets:N0} datasets, {written:N0} aed records, {munis.Count:N0} publishers in {sw.Elapsed.TotalSeconds:F1} s ({new FileInfo(Path.Combine(dir, "musubi.db")).Length / 1048576} MB)");
        return db is null ? 0 : CopyToPostgres(dir, db);
    }

    /// <summary>The tables portal-store fills, parents first.</summary>
    private static readonly string[] Tables = ["publishers", "sources", "harvest_jobs", "datasets", "resources", "resource_versions", "conversions", "publications", "records"];

    /// <summary>Copies the embedded store's tables into an empty PostgreSQL catalog (text COPY, one table at a time).</summary>
    private static int CopyToPostgres(string dir, string db)
    {
        var sw = Stopwatch.StartNew();
        ((ICatalogStores)new StoreFactory(new MusubiOptions { DataDirectory = dir, Database = db })).OpenForWrite().Dispose();
        using var pg = new Npgsql.NpgsqlConnection(db);
        pg.Open();
        using (var check = new Npgsql.NpgsqlCommand("SELECT count(*) FROM datasets", pg))
        {
            if ((long)check.ExecuteScalar()! > 0)
            {
                Console.WriteLine("portal-store: the PostgreSQL catalog holds datasets already; left as it is");
                return 0;
            }
        }
        using var lite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "musubi.db"), Mode = SqliteOpenMode.ReadOnly }.ToString());
        lite.Open();
        var line = new System.Text.StringBuilder();
        foreach (var table in Tables)
        {
            var columns = new List<string>();
            using (var info = lite.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                using var r = info.ExecuteReader();
                while (r.Read()) columns.Add(r.GetString(0));
            }
            var list = string.Join(", ", columns);
            long rows = 0;
            using (var writer = pg.BeginTextImport($"COPY {table} ({list}) FROM STDIN"))
            {
                using var cmd = lite.CreateCommand();
                cmd.CommandText = $"SELECT {list} FROM {table}";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    line.Clear();
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (i > 0) line.Append('\t');
                        if (r.IsDBNull(i)) line.Append("\\N");
                        else
                        {
                            foreach (var ch in System.Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)!)
                            {
                                _ = ch switch
                                {
                                    '\\' => line.Append("\\\\"),
                                    '\t' => line.Append("\\t"),
                                    '\n' => line.Append("\\n"),
                                    '\r' => line.Append("\\r"),
                                    _ => line.Append(ch),
                                };
                            }
                        }
                    }
                    line.Append('\n');
                    writer.Write(line);
                    rows++;
                }
            }
            if (columns.Contains("id") && table is not ("publishers" or "sources"))
            {
                using var seq = new Npgsql.NpgsqlCommand($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))", pg);
                seq.ExecuteNonQuery();
            }
            Console.WriteLine($"portal-store: {table}: {rows:N0} rows copied to PostgreSQL ({sw.Elapsed.TotalSeconds:F0} s)");
        }
        using (var analyze = new Npgsql.NpgsqlCommand("ANALYZE", pg)) analyze.ExecuteNonQuery();
        Console.WriteLine($"portal-store: PostgreSQL filled in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static readonly JsonSerializerOptions BenchJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Cmd(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        if (cmd.Parameters.Count == 0)
        {
            for (var i = 0; i < values.Length; i++) cmd.Parameters.Add(new SqliteParameter("$" + (i + 1).ToString(CultureInfo.InvariantCulture), null));
            cmd.Prepare();
        }
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}
