using Dapper;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Forward-only numbered migrations (sql/migrations/NNNN_name.sql), applied at start in one transaction and
/// journaled in schema_migrations; then the reference data (sql/reference/*.csv) is upserted.
/// </summary>
public static class Migrations
{
    public sealed record Migration(int Version, string Name, string ResourceName);

    public static IReadOnlyList<Migration> All { get; } = EmbeddedSql.Under("sql/migrations/")
        .Select(n =>
        {
            var file = n["sql/migrations/".Length..];
            var version = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
            return new Migration(version, Path.GetFileNameWithoutExtension(file)[5..], n);
        })
        .OrderBy(m => m.Version)
        .ToList();

    public static int Latest => All[^1].Version;

    public static void Apply(SqliteConnection conn, string path, string account, DateTimeOffset now)
    {
        // The checks every process start makes are plain reads (SqlRead): Dapper's first use costs start-up time.
        var appId = SqlRead.Long(conn, "PRAGMA application_id");
        var tables = SqlRead.Long(conn, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        if (appId != SafetyDb.ApplicationId && (appId != 0 || tables > 0))
            throw SafetyException.Usage($"{path} is not a SafetyConsole database; pass --db with the path of one, or a new path for `safety-console init`.");

        var isNew = tables == 0;
        if (!isNew)
        {
            var current = SqlRead.Long(conn, "SELECT coalesce(max(version), 0) FROM schema_migrations");
            if (current > Latest)
                throw SafetyException.Usage($"{path} was written by a newer SafetyConsole (schema {current}; this one knows up to {Latest}); upgrade safety-console before using it.");
            // Numbers may land out of order (0005 before 0002-0004 on a branch): up to date only when every one is applied.
            if (current == Latest && SqlRead.Long(conn, "SELECT count(*) FROM schema_migrations") == All.Count) return;
        }

        // Foreign keys off while migrating (a no-op inside a transaction, so set before it): a migration may rebuild a
        // table that others reference (SQLite's documented way to change a CHECK). They are checked before commit.
        SqlRead.Run(conn, "PRAGMA foreign_keys = OFF");
        try
        {
            ApplyPending(conn, path, account, now, isNew);
        }
        finally
        {
            SqlRead.Run(conn, "PRAGMA foreign_keys = ON");
        }
    }

    private static void ApplyPending(SqliteConnection conn, string path, string account, DateTimeOffset now, bool isNew)
    {
        using var tx = conn.BeginTransaction(deferred: false);
        conn.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", transaction: tx);
        // Re-read inside the write lock: another process may have migrated meanwhile.
        var done = conn.Query<long>("SELECT version FROM schema_migrations", transaction: tx).ToHashSet();
        foreach (var m in All.Where(m => !done.Contains(m.Version)))
        {
            conn.Execute(EmbeddedSql.Read(m.ResourceName), transaction: tx);
            conn.Execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { m.Version, m.Name, At = TimeText.ToDb(now) }, tx);
        }
        if (conn.Query("PRAGMA foreign_key_check", transaction: tx).Any())
            throw SafetyException.Usage($"Migrating {path} would break a reference between its tables; restore it from a backup and report this.");
        ReferenceData.Load(conn, tx);
        if (isNew)
        {
            conn.Execute($"PRAGMA application_id = {SafetyDb.ApplicationId}", transaction: tx);
            RecordCreation(conn, tx, account, now);
        }
        tx.Commit();
    }

    /// <summary>A new store's first rows, on either backend: who created it and when, and its creator as first supervisor (R10).</summary>
    internal static void RecordCreation(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction tx, string account, DateTimeOffset now)
    {
        conn.Execute("INSERT INTO meta(key, value) VALUES ('created_by', @account), ('created_at', @at)",
            new { account, at = TimeText.ToDb(now) }, tx);
        // R10: the account that creates the database is its first supervisor.
        conn.Execute("INSERT INTO operators(account, role, added_by, added_at) VALUES (@account, 'supervisor', @account, @at)",
            new { account, at = TimeText.ToDb(now) }, tx);
        conn.Execute("INSERT INTO events(at, actor, kind, reason, recorded_at) VALUES (@at, @account, 'database.created', 'R10: the creating account is the first supervisor', @at)",
            new { account, at = TimeText.ToDb(now) }, tx);
    }
}
