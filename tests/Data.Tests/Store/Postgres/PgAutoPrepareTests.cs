using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// Issue 17, a state change's cost on PostgreSQL: each connection keeps the store's statements prepared on the server
/// (Npgsql's automatic preparation), parsed and planned once instead of at every run. A board or a worker runs for hours,
/// so another process may migrate the database under statements it prepared: they go on working.
/// </summary>
public class PgAutoPrepareTests
{
    [Fact]
    public void Statements_are_kept_prepared_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(PgTarget.AutoPrepared, new Npgsql.NpgsqlConnectionStringBuilder(PgTarget.ConnectionString("Host=db1;Database=safety")).MaxAutoPrepare);
        Assert.Equal(0, new Npgsql.NpgsqlConnectionStringBuilder(PgTarget.ConnectionString("Host=db1;Database=safety;Max Auto Prepare=0")).MaxAutoPrepare);
    }

    [Fact]
    public void Statements_prepared_before_another_process_adds_columns_and_indexes_go_on_working()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        StateChangesTests.SeedOneCallAndOfficer(t.Db);
        for (var i = 0; i < 6; i++) Assert.Equal(CallStatus.Pending, Reads.RequireCall(t.Db, 1).Status);
        Assert.True(Prepared(t.Db) > 0, "nothing was prepared: the test proves nothing");

        using (var other = t.OpenAnother()) other.Connection.Execute("ALTER TABLE calls ADD COLUMN later_column text; CREATE INDEX calls_later ON calls(later_column)");

        Assert.Equal(CallStatus.Pending, Reads.RequireCall(t.Db, 1).Status);
    }

    [Fact]
    public void A_write_that_meets_a_result_type_changed_under_its_prepared_statement_runs_again()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('k', 'v')");
        string Read() => t.Db.Write(tx => SqlRead.Text(t.Db.Connection, "SELECT value FROM meta WHERE key = 'k'", tx)!);
        for (var i = 0; i < 6; i++) Assert.Equal("v", Read());

        // A migration run by another process changes the column's type: the plan prepared here no longer fits (0A000).
        using (var other = t.OpenAnother()) other.Connection.Execute("ALTER TABLE meta ALTER COLUMN value TYPE varchar(200)");

        Assert.Equal("v", Read()); // before: "cached plan must not change result type", and the write was lost
    }

    private static long Prepared(SafetyDb db) => db.Connection.ExecuteScalar<long>("SELECT count(*) FROM pg_prepared_statements");
}
