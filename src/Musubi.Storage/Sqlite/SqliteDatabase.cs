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
        var path = PathIn(dataDir);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            // A web node and a harvest may share the file: readers do not block the writer (WAL), a writer waits for another.
            connection.Execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000;");
            Migrator.Apply(connection, Dialect.Sqlite, "sqlite:" + path);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing store read-only (never creates tables); null when there is no store file.</summary>
    public static SqliteConnection? OpenForRead(string dataDir)
    {
        var path = PathIn(dataDir);
        if (!File.Exists(path)) return null;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            Migrator.EnsureKnown(connection, Dialect.Sqlite, "sqlite:" + path);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
