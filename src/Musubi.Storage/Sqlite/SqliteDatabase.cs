using Dapper;
using Microsoft.Data.Sqlite;

namespace Musubi.Storage.Sqlite;

/// <summary>The embedded store's file, &lt;data&gt;/musubi.db: opened for writing (created, migrated) or read-only.</summary>
public static class SqliteDatabase
{
    public const string FileName = "musubi.db";

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>Opens the store for writing: creates the folder and file when needed and applies the migrations.</summary>
    public static SqliteConnection OpenForWrite(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        return Open(PathIn(dataDir), SqliteOpenMode.ReadWriteCreate, (c, description) =>
        {
            // A web node and a harvest may share the file: readers do not block the writer (WAL), a writer waits for another.
            // synchronous = NORMAL in WAL: a commit survives the process being killed (the harvest's resume relies on that)
            // and the file is never corrupted; only a power loss may take the last commits back, which a resume redoes.
            // FULL would add an fsync to every commit, the largest cost of a harvest's many small writes.
            c.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
            Migrator.Apply(c, Dialect.Sqlite, description);
        });
    }

    /// <summary>Opens an existing store read-only (never creates tables); null when there is no store file.</summary>
    public static SqliteConnection? OpenForRead(string dataDir)
    {
        var path = PathIn(dataDir);
        return File.Exists(path) ? Open(path, SqliteOpenMode.ReadOnly, (c, description) => Migrator.EnsureKnown(c, Dialect.Sqlite, description)) : null;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode, Action<SqliteConnection, string> prepare)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            prepare(connection, "sqlite:" + path);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
