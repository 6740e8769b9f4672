using Dapper;
using Npgsql;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// A consortium at the store (issue 17): districts in schemas of one database share nothing — no table, function,
/// sequence, journal, write lock or generation counter.
/// </summary>
public class PgConsortiumStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_district_store_lives_wholly_in_its_own_schema_and_nothing_in_public()
    {
        using var consortium = new PgConsortium();
        using (var a = SafetyDb.Open(consortium.District("district_a"), TestDb.Account, create: true)) Assert.True(a.Created);
        using (var b = SafetyDb.Open(consortium.District("district_b"), TestDb.Account, create: true)) Assert.True(b.Created);
        long Count(string sql) => consortium.Scalar<long>(sql);
        var tables = Count("SELECT count(*) FROM pg_tables WHERE schemaname = 'district_a'");
        Assert.True(tables > 20, $"{tables} tables in district_a");
        Assert.Equal(tables, Count("SELECT count(*) FROM pg_tables WHERE schemaname = 'district_b'"));
        Assert.Equal(0, Count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        Assert.Equal(0, Count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"));
        Assert.Equal(0, Count("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"));
        // Each schema has its own functions (the triggers'), sequences (identity columns) and migration journal.
        Assert.Equal(Count("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'district_a'"),
            Count("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'district_b'"));
        Assert.True(Count("SELECT count(*) FROM pg_sequences WHERE schemaname = 'district_b'") > 0);
        Assert.Equal(Migrations.All.Count, Count("SELECT count(*) FROM district_b.schema_migrations"));
        // Every function of a district is pinned to its own schema (0035): a session of another district that fires
        // its triggers still finds the district's own tables.
        Assert.Equal("", consortium.Scalar<string>("""
            SELECT coalesce(string_agg(n.nspname || '.' || p.proname || ' ' || coalesce(array_to_string(p.proconfig, ','), 'unpinned'), '; '), '')
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname LIKE 'district_%' AND NOT ('search_path=' || n.nspname || ', pg_temp' = ANY (coalesce(p.proconfig, '{}')))
            """));
        // Every trigger of a district's table calls a function of the same schema.
        Assert.Equal(0, Count("""
            SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND c.relnamespace <> p.pronamespace
            """));
    }

    [Fact]
    public void A_write_in_one_district_does_not_wait_for_another_districts_write_lock()
    {
        using var consortium = new PgConsortium();
        using var a = SafetyDb.Open(consortium.District("district_a"), TestDb.Account, create: true);
        using var b = SafetyDb.Open(consortium.District("district_b"), TestDb.Account, create: true);
        using var holder = b.OpenAnother(TestDb.Account);
        // District B's writer is stuck inside a write (its lock held); district A writes on regardless ...
        using var stuck = holder.BeginWrite();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Operators.Add(a, TestDb.Account, "alice", OperatorRole.Dispatcher, At);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"district A waited {watch.Elapsed} for district B's lock");
        // ... while another writer of district B waits for it (and gets the busy sentence's error after lock_timeout).
        using var cmd = ((NpgsqlConnection)b.Connection).CreateCommand();
        cmd.CommandText = "SET lock_timeout = '200ms'";
        cmd.ExecuteNonQuery();
        var e = Assert.ThrowsAny<Exception>(() => Operators.Add(b, TestDb.Account, "alice", OperatorRole.Dispatcher, At));
        Assert.True(StoreErrors.IsBusy(e), e.ToString());
        stuck.Rollback();
        Assert.Equal(OperatorRole.Dispatcher, Operators.RoleOf(a, "alice"));
        Assert.DoesNotContain(Operators.List(b), o => o.Account == "alice");
    }

    [Fact]
    public void A_hand_edit_from_another_districts_session_moves_the_edited_districts_generation()
    {
        using var consortium = new PgConsortium();
        using (SafetyDb.Open(consortium.District("district_a"), TestDb.Account, create: true)) { }
        using (SafetyDb.Open(consortium.District("district_b"), TestDb.Account, create: true)) { }
        long Generation(string schema) => consortium.Scalar<long>($"SELECT n FROM {schema}.district_generation");
        var (a0, b0) = (Generation("district_a"), Generation("district_b"));
        // An administrator in psql whose search_path is district_b edits district_a's policy by its full name.
        using (var c = new NpgsqlConnection(consortium.District("district_b")))
        {
            c.Open();
            c.Execute("UPDATE district_a.policy SET speed_kmh = speed_kmh");
        }
        Assert.Equal(a0 + 1, Generation("district_a")); // district A's processes read their policy again (0035)
        Assert.Equal(b0, Generation("district_b"));
    }

    [Fact]
    public void Several_inits_at_once_create_a_new_district_schema_once()
    {
        using var consortium = new PgConsortium();
        var cs = consortium.District("district_new");
        var created = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ =>
        {
            using var db = SafetyDb.Open(cs, TestDb.Account, create: true);
            return db.Created;
        }).ToList();
        Assert.Single(created, c => c);
        Assert.Equal(1, consortium.Scalar<long>("SELECT count(*) FROM district_new.events WHERE kind = 'database.created'"));
    }

    [Theory]
    [InlineData("district_a,public")]
    [InlineData("District_A")]
    [InlineData("\"district a\"")]
    [InlineData("pg_district")]
    public void A_search_path_that_is_not_one_plain_schema_name_is_refused(string path)
    {
        using var consortium = new PgConsortium();
        var e = Assert.Throws<SafetyException>(() => SafetyDb.Open(consortium.District(path), TestDb.Account, create: true));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("exactly one schema", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, consortium.Scalar<long>("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"));
    }
}
