using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store;

[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: SQLite's migrations, PRAGMAs and file header; PgSchemaTests is the PostgreSQL counterpart
public class MigrationsTests
{
    [Fact]
    public void A_new_database_gets_every_migration_reference_data_and_its_creator_as_supervisor()
    {
        using var t = new TestDb();
        var c = t.Db.Connection;
        Assert.Equal(Migrations.Latest, c.ExecuteScalar<long>("SELECT max(version) FROM schema_migrations"));
        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, c.ExecuteScalar<long>("PRAGMA foreign_keys"));
        Assert.Equal(30, c.ExecuteScalar<long>("SELECT count(*) FROM call_types"));
        Assert.Equal("CAMPUS", c.ExecuteScalar<string>("SELECT class FROM call_types WHERE code = 'FIGHT'"));
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT refused FROM call_types WHERE code = 'ALIEN'"));
        Assert.Equal(OperatorRole.Supervisor, Operators.RoleOf(t.Db, TestDb.Account));
        Assert.Equal(OperatorRole.Viewer, Operators.RoleOf(t.Db, "somebody-else"));
    }

    [Fact]
    public void Opening_again_applies_nothing_twice()
    {
        using var t = new TestDb();
        using (var again = t.OpenAnother()) { }
        using var third = SafetyDb.Open(t.FilePath, "other", create: true);
        Assert.Equal(Migrations.All.Count, third.Connection.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
        // The second opener did not become a supervisor: only the creator does (R10).
        Assert.Equal(OperatorRole.Viewer, Operators.RoleOf(third, "other"));
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_refused_and_left_untouched()
    {
        using var t = new TestDb();
        var path = Path.Combine(t.Folder, "notes.db");
        File.WriteAllText(path, "these are my notes, not a database at all");
        var e = Assert.Throws<SafetyException>(() => SafetyDb.Open(path, "x", create: true));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("is not a SafetyConsole database", e.Message, StringComparison.Ordinal);
        Assert.Equal("these are my notes, not a database at all", File.ReadAllText(path));
    }

    [Fact]
    public void Another_applications_sqlite_file_is_refused()
    {
        using var t = new TestDb();
        var path = Path.Combine(t.Folder, "other.db");
        FileModes.CreateEmpty(path, FileModes.Private); // not world-readable, or that refusal would come first (DESIGN §7)
        using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            conn.Open();
            conn.Execute("CREATE TABLE recipes(name TEXT)");
        }
        var e = Assert.Throws<SafetyException>(() => SafetyDb.Open(path, "x"));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("not a SafetyConsole database", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        using var t = new TestDb();
        t.Db.Connection.Execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00.000Z')");
        var e = Assert.Throws<SafetyException>(() => t.OpenAnother());
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("newer SafetyConsole", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_refused_with_what_to_do()
    {
        var e = Assert.Throws<SafetyException>(() => SafetyDb.Open("/nonexistent-folder-xyz/safety.db", "x", create: true));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/nonexistent-folder-xyz"));
    }

    [Fact]
    public void A_missing_database_is_not_created_by_commands_other_than_init()
    {
        using var t = new TestDb();
        var path = Path.Combine(t.Folder, "absent.db");
        var e = Assert.Throws<SafetyException>(() => SafetyDb.Open(path, "x"));
        Assert.Contains("safety-console init", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void The_event_log_is_append_only()
    {
        using var t = new TestDb();
        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => t.Db.Connection.Execute("UPDATE events SET actor = 'mallory'"));
        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => t.Db.Connection.Execute("DELETE FROM events"));
    }

    /// <summary>
    /// Schema 10 (R10) on a database written before it: the operators keep their roles in the rebuilt table, which now
    /// takes the service role; old events keep no recorded time (it was not kept), new ones get the clock's.
    /// </summary>
    [Fact]
    public void Migration_10_keeps_the_operators_and_the_event_log_and_adds_the_service_role_and_recorded_times()
    {
        using var t = new TestDb();
        var c = t.Db.Connection;
        c.Execute("INSERT INTO operators(account, role, added_by, added_at) VALUES ('dana', 'dispatcher', 'tester', '2026-01-01T00:00:00.000Z')");
        c.Execute("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;");
        c.Execute("DELETE FROM schema_migrations WHERE version = 10");
        // Back to schema 9: the old CHECK and an events table without recorded_at.
        c.Execute("""
            ALTER TABLE events DROP COLUMN recorded_at;
            CREATE TABLE operators_old (account TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('viewer','dispatcher','supervisor')), added_by TEXT NOT NULL, added_at TEXT NOT NULL);
            INSERT INTO operators_old SELECT * FROM operators; DROP TABLE operators; ALTER TABLE operators_old RENAME TO operators;
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only (R10)'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only (R10)'); END;
            """);
        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => c.Execute("INSERT INTO operators VALUES ('svc', 'service', 'tester', 'x')"));
        var events = c.ExecuteScalar<long>("SELECT count(*) FROM events");

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        using var upgraded = SafetyDb.Open(t.FilePath, TestDb.Account, time: clock);
        Assert.Equal(OperatorRole.Dispatcher, Operators.RoleOf(upgraded, "dana"));
        Assert.Equal(OperatorRole.Supervisor, Operators.RoleOf(upgraded, TestDb.Account));
        Operators.Add(upgraded, TestDb.Account, "svc", OperatorRole.Service, clock.GetUtcNow());
        Assert.Equal(OperatorRole.Service, Operators.RoleOf(upgraded, "svc"));
        Assert.Equal(events, upgraded.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE recorded_at IS NULL"));
        Assert.Equal("2026-11-30T09:00:00.000Z", upgraded.Connection.ExecuteScalar<string>("SELECT recorded_at FROM events WHERE kind = 'operator.added' AND detail = 'svc'"));
        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => upgraded.Connection.Execute("UPDATE events SET actor = 'mallory'"));
    }
}
