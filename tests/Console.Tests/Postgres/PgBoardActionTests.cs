using Dapper;
using Npgsql;
using SafetyConsole.Cli.Board;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Cli.Tests.Postgres;

/// <summary>
/// Issue 17, failover: a dispatcher's action whose connection is found lost before it wrote anything (its reads come
/// first) waits for a server and runs again, once, on a new connection. `PgFailoverTests` plays it with a real standby
/// promoted; here the server ends the board's connection (as a primary that dies does) just before the action.
/// </summary>
public class PgBoardActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 5, 0, TimeSpan.Zero);

    /// <summary>A note through the product's action: the role and the call read, then the note and its event written.</summary>
    private sealed record NoteAction(long CallId, string Text) : BoardAction
    {
        public override string Describe() => $"note on call {CallId}";

        public override ActionOutcome Run(SafetyDb db, string actor, DateTimeOffset at) => new(CallActions.Note(db, actor, CallId, Text, at));
    }

    [Fact]
    public void An_action_that_finds_its_connection_gone_before_writing_runs_again_on_a_new_one_once()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        DistrictImport.Run(t.Db, DistrictSource.Demo, TestDb.Account, Now);
        t.Db.Connection.Execute("""
            INSERT INTO calls(id, source, external_id, received_at, location, type, priority, status, created_at, updated_at)
              VALUES (1, 'staff', 'A1', '2026-11-23T18:00:00.000Z', 'LHS', 'FIGHT', 1, 'PENDING', '2026-11-23T18:00:00.000Z', '2026-11-23T18:00:00.000Z')
            """);
        using var other = t.OpenAnother();
        other.Connection.Execute("SELECT pg_terminate_backend(@pid, 10000)", new { pid = ((NpgsqlConnection)t.Db.Connection).ProcessID });

        var done = BoardActionRunner.Run(new StoreBoardActions(t.Db), TestDb.Account, new NoteAction(1, "Parent on the way"), Now);

        Assert.True(done.Ok, done.Message); // before: the lost connection left the runner, and the board said "Working..." for good
        Assert.Equal("Note 1 added to call 1.", done.Message);
        Assert.Equal(1, other.Connection.ExecuteScalar<long>("SELECT count(*) FROM call_notes"));
        Assert.Equal(1, other.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.note'"));
    }
}
