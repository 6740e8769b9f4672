using System.Data.Common;
using Dapper;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Migrations on PostgreSQL (issue 17). The journal (schema_migrations) holds the same version numbers as on SQLite, so
/// one number means one schema on both. A new store runs the PostgreSQL baseline (sql/postgres/0021_baseline.sql, the
/// schema at 0021) and journals every SQLite migration it stands for; each later migration runs its PostgreSQL form
/// (sql/postgres/NNNN_name.sql, same number and name as sql/migrations/NNNN_name.sql), or its SQLite file unchanged when
/// that file's first line says <see cref="PortableMark"/>. Everything runs in one transaction under the store's write
/// lock (DDL is transactional here), so two processes starting at once migrate once.
/// </summary>
internal static class PgMigrations
{
    public const int BaselineVersion = 21;
    public const string BaselineResource = "sql/postgres/0021_baseline.sql";

    /// <summary>A SQLite migration whose first line is this runs unchanged on PostgreSQL.</summary>
    public const string PortableMark = "-- portable: runs unchanged on PostgreSQL";

    /// <summary>The SQL that migration <paramref name="m"/> runs on PostgreSQL, or null when this build has no PostgreSQL form of it.</summary>
    public static string? SqlFor(Migrations.Migration m)
    {
        var own = $"sql/postgres/{m.Version:D4}_{m.Name}.sql";
        if (EmbeddedSql.Exists(own)) return EmbeddedSql.Read(own);
        var sqlite = EmbeddedSql.Read(m.ResourceName);
        return sqlite.StartsWith(PortableMark, StringComparison.Ordinal) ? sqlite : null;
    }

    /// <summary>Migrations after the baseline that have no PostgreSQL form in this build (a test keeps this empty).</summary>
    public static IReadOnlyList<Migrations.Migration> MissingForms() =>
        Migrations.All.Where(m => m.Version > BaselineVersion && SqlFor(m) is null).ToList();

    /// <summary>Creates or migrates the store; true when it created it.</summary>
    public static bool Apply(DbConnection conn, string name, string account, bool create, DateTimeOffset now)
    {
        RequireCCollation(conn, name);
        var tables = conn.ExecuteScalar<long>("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()");
        var journaled = conn.ExecuteScalar<long>("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'") == 1;
        if (tables > 0 && !journaled)
            throw SafetyException.Usage($"{name} holds tables that are not a SafetyConsole store; pass --db with another database (or schema: search_path) for `safety-console init`.");
        if (tables == 0 && !create)
            throw SafetyException.Usage($"There is no SafetyConsole store in {name}; run `safety-console init` with the same --db to create one.");
        if (journaled)
        {
            var current = conn.ExecuteScalar<long>("SELECT coalesce(max(version), 0) FROM schema_migrations");
            if (current > Migrations.Latest)
                throw SafetyException.Usage($"{name} was written by a newer SafetyConsole (schema {current}; this one knows up to {Migrations.Latest}); upgrade safety-console before using it.");
            if (current == Migrations.Latest && conn.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations") == Migrations.All.Count) return false;
        }
        if (MissingForms() is { Count: > 0 } missing)
            throw SafetyException.Usage($"This build of safety-console has no PostgreSQL form of migration {string.Join(", ", missing.Select(m => $"{m.Version:D4}_{m.Name}"))}, so it cannot migrate {name}; use a build that has one.");

        using var tx = PgStore.BeginWrite(conn);
        conn.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", transaction: tx);
        // Re-read under the write lock: another process may have migrated meanwhile.
        var done = conn.Query<long>("SELECT version FROM schema_migrations", transaction: tx).ToHashSet();
        var isNew = done.Count == 0;
        if (isNew) conn.Execute(EmbeddedSql.Read(BaselineResource), transaction: tx);
        foreach (var m in Migrations.All.Where(m => !done.Contains(m.Version)))
        {
            if (!isNew || m.Version > BaselineVersion)
            {
                if (m.Version <= BaselineVersion)
                    throw SafetyException.Usage($"{name} lacks migration {m.Version:D4}, which the PostgreSQL baseline includes; restore it from a dump or create a new store with `safety-console init`.");
                conn.Execute(SqlFor(m)!, transaction: tx);
            }
            conn.Execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { Version = (long)m.Version, m.Name, At = TimeText.ToDb(now) }, tx);
        }
        ReferenceData.Load(conn, tx);
        if (isNew) Migrations.RecordCreation(conn, tx, account, now);
        tx.Commit();
        return isNew;
    }

    /// <summary>
    /// The design orders codes (badges, locations, times as text) by their bytes; only the C collation does that. A
    /// database created with a language's collation would sort badge codes differently on this backend than on SQLite.
    /// </summary>
    private static void RequireCCollation(DbConnection conn, string name)
    {
        // From PostgreSQL 15 a database may take its collation from ICU instead (datlocprovider 'i'): never byte order.
        var icu = conn.ExecuteScalar<long>("SELECT current_setting('server_version_num')::bigint") >= 150000
            ? conn.ExecuteScalar<string>("SELECT datlocprovider::text FROM pg_database WHERE datname = current_database()") == "i"
            : false;
        var collation = icu ? "ICU " + conn.ExecuteScalar<string>("SELECT daticulocale FROM pg_database WHERE datname = current_database()")
            : conn.ExecuteScalar<string>("SELECT datcollate FROM pg_database WHERE datname = current_database()");
        if (collation is not ("C" or "POSIX"))
            throw SafetyException.Usage($"{name} uses the collation '{collation}', but SafetyConsole needs byte order (C); create the database with `createdb --locale=C --template=template0 NAME` and pass it to --db.");
    }
}
