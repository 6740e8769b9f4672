using Dapper;
using Npgsql;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>The store's schema on PostgreSQL (issue 17): the same tables and columns as on SQLite, and the same guarantees.</summary>
public class PgSchemaTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_migration_after_the_baseline_has_a_PostgreSQL_form()
    {
        Assert.True(PgMigrations.MissingForms().Count == 0,
            "add sql/postgres/NNNN_name.sql for: " + string.Join(", ", PgMigrations.MissingForms().Select(m => $"{m.Version:D4}_{m.Name}"))
            + $" (or, when the SQLite file runs unchanged, make its first line '{PgMigrations.PortableMark}')");
    }

    [Fact]
    public void Both_backends_have_the_same_tables_and_columns()
    {
        using var sqlite = new TestDb();
        using var pg = new TestDb(StoreBackend.Postgres);
        var a = sqlite.Db.Connection.Query<string>("""
            SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1
            """).ToList();
        var b = pg.Db.Connection.Query<string>("""
            SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1
            """).ToList();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Integer_and_real_columns_are_eight_bytes_and_no_column_is_boolean()
    {
        using var pg = new TestDb(StoreBackend.Postgres);
        var narrow = pg.Db.Connection.Query<string>("""
            SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND data_type IN ('integer', 'smallint', 'real', 'boolean', 'numeric')
            """).ToList();
        Assert.Empty(narrow);
    }

    [Fact]
    public void The_event_log_is_append_only()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        Assert.ThrowsAny<PostgresException>(() => t.Db.Connection.Execute("UPDATE events SET actor = 'mallory'"));
        Assert.ThrowsAny<PostgresException>(() => t.Db.Connection.Execute("DELETE FROM events"));
        Assert.ThrowsAny<PostgresException>(() => t.Db.Connection.Execute("TRUNCATE events CASCADE"));
        Assert.Equal(1, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'database.created'"));
    }

    [Fact]
    public void A_write_to_any_table_of_the_district_facts_moves_the_generation()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, At);
        string[] edits =
        [
            "UPDATE district SET name = 'Edited District' WHERE id = 1",
            "UPDATE calendar_days SET note = 'edited' WHERE date = (SELECT min(date) FROM calendar_days)",
            "UPDATE locations SET name = 'Edited' WHERE code = 'DO'",
            "UPDATE agencies SET name = 'Edited' WHERE code = (SELECT min(code) FROM agencies)",
            "UPDATE call_types SET name = 'Edited' WHERE code = (SELECT min(code) FROM call_types)",
            "DELETE FROM training WHERE (badge, topic) = (SELECT badge, topic FROM training ORDER BY badge, topic LIMIT 1)",
            "UPDATE agreements SET review_due = '2020-01-01'",
            "UPDATE training_topics SET required_for = ''",
            "UPDATE policy SET road_factor = 1.1",
        ];
        foreach (var edit in edits)
        {
            var before = SnapshotLoader.Load(t.Db, At);
            var generation = Generation(t.Db);
            using (var other = t.Db.OpenAnother(TestDb.Account)) Assert.True(other.Connection.Execute(edit) > 0, edit);
            Assert.True(Generation(t.Db) > generation, $"{edit} moves the district generation");
            Assert.NotSame(before.Calendar, SnapshotLoader.Load(t.Db, At).Calendar);
        }
        Assert.Equal(1.1, SnapshotLoader.Load(t.Db, At).Policy.RoadFactor);
    }

    [Fact]
    public void Plain_reads_take_every_integer_type_PostgreSQL_answers()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        var c = t.Db.Connection;
        Assert.Equal(7, SqlRead.Long(c, "SELECT 7"));             // int4: read as 0 when only `long` was taken
        Assert.Equal(7, SqlRead.Long(c, "SELECT 7::smallint"));
        Assert.Equal(42, SqlRead.Long(c, "SELECT sum(x) FROM (VALUES (40::bigint), (2::bigint)) AS v(x)")); // numeric
        Assert.Equal(Migrations.All.Count, SqlRead.Long(c, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public void A_database_whose_collation_is_not_C_is_refused_with_one_sentence()
    {
        var name = "safety_t_icu_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(PgTestServer.Admin))
        {
            admin.Open();
            admin.Execute($"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'");
        }
        var cs = new NpgsqlConnectionStringBuilder(PgTestServer.Admin) { Database = name }.ConnectionString;
        try
        {
            var e = Assert.Throws<SafetyException>(() => SafetyDb.Open(cs, "x", create: true));
            Assert.Equal(2, e.ExitCode);
            Assert.Contains("needs byte order (C)", e.Message, StringComparison.Ordinal);
            using var check = new NpgsqlConnection(cs);
            check.Open();
            Assert.Equal(0, check.ExecuteScalar<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")); // nothing created
        }
        finally
        {
            PgTestServer.Drop(cs);
        }
    }

    [Fact]
    public void Two_processes_creating_one_store_at_once_migrate_it_once()
    {
        var cs = PgTestServer.NewEmptyDatabase();
        try
        {
            Parallel.For(0, 4, i => { using var db = SafetyDb.Open(cs, $"opener{i}", create: true); });
            using var db = SafetyDb.Open(cs, "x");
            Assert.Equal(Migrations.All.Count, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
            Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'database.created'"));
            Assert.Equal(1, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM operators WHERE role = 'supervisor'"));
        }
        finally
        {
            PgTestServer.Drop(cs);
        }
    }

    private static long Generation(SafetyDb db) => db.Connection.ExecuteScalar<long>("SELECT n FROM district_generation WHERE id = 1");
}
