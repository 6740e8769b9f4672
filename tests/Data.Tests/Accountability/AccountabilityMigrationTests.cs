using Dapper;
using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Accountability;

/// <summary>Migration 0020 rebuilds `agencies` (kind contractor) under tables that reference it.</summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: SQLite's table rebuild of migration 0020 (the PostgreSQL baseline starts after it)
public class AccountabilityMigrationTests
{
    [Fact]
    public void A_database_at_schema_5_with_officers_migrates_keeps_its_rows_and_its_foreign_keys()
    {
        using var t = new TestDb();
        var path = Path.Combine(t.Folder, "old.db");
        FileModes.CreateEmpty(path, FileModes.Private); // never world-readable (issue 13: such a database is refused)
        using (var conn = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            conn.Open();
            conn.Execute(EmbeddedSql.Read("sql/migrations/0001_initial.sql"));
            conn.Execute(EmbeddedSql.Read("sql/migrations/0005_first_response.sql"));
            conn.Execute("""
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                INSERT INTO schema_migrations VALUES (1, 'initial', '2026-09-01T00:00:00.000Z'), (5, 'first_response', '2026-09-01T00:00:00.000Z');
                INSERT INTO roles VALUES ('SRO', 'School Resource Officer', 1, 'LIAISON');
                INSERT INTO agencies VALUES ('HVPD', 'Harbor Valley Police Department', 'police', '2027-08-31');
                INSERT INTO officers(badge, name, role, agency, post, status) VALUES ('SRO-1', 'Marcus Bell', 'SRO', 'HVPD', 'LHS', 'AVAILABLE');
                """);
            conn.Execute($"PRAGMA application_id = {SafetyDb.ApplicationId}");
        }

        using var db = SafetyDb.Open(path, TestDb.Account);
        var c = db.Connection;
        Assert.Equal(Migrations.Latest, c.ExecuteScalar<long>("SELECT max(version) FROM schema_migrations"));
        Assert.Equal(("HVPD", "police", "2027-08-31"), c.QuerySingle<(string, string, string)>("SELECT code, kind, agreement_review_due FROM agencies"));
        Assert.Equal(1, c.ExecuteScalar<long>("PRAGMA foreign_keys"));
        c.Execute("INSERT INTO agencies(code, name, kind) VALUES ('SGS', 'Sound Guard Services', 'contractor')");
        // The officers table still refers to the rebuilt agencies table.
        Assert.Throws<SqliteException>(() => c.Execute("INSERT INTO officers(badge, name, role, agency, post, status) VALUES ('X', 'X', 'SRO', 'NOPE', 'LHS', 'AVAILABLE')"));
        Assert.Throws<SqliteException>(() => c.Execute("DELETE FROM agencies WHERE code = 'HVPD'"));
        Assert.Equal(30, c.ExecuteScalar<long>("SELECT complaint_response_days FROM district UNION ALL SELECT 30 LIMIT 1"));
    }
}
