using Dapper;
using Npgsql;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// Issue 17, "nothing lost or done twice": a write whose connection dies after the server committed it and before the
/// client heard so is not made again. State changes were safe by their conditional updates; an addition (a note, a
/// duty, a complaint) was stored a second time by the retry. Each write carries a receipt (migration 0036) that the
/// store looks up after reconnecting.
/// </summary>
public class WriteReceiptTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 18, 5, 0, TimeSpan.Zero);

    [Fact]
    public void A_note_whose_commit_was_not_heard_is_stored_once_and_its_number_returned()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        StateChangesTests.SeedOneCallAndOfficer(t.Db);
        using var other = t.OpenAnother();
        var lost = false;
        // The server has committed; then the connection dies before the client reads the answer.
        t.Db.AfterCommit = db =>
        {
            if (lost) return;
            lost = true;
            other.Connection.Execute("SELECT pg_terminate_backend(@pid, 10000)", new { pid = ((NpgsqlConnection)db.Connection).ProcessID });
            // What the client meets reading the commit's answer: the connection is gone (Npgsql marks it broken).
            var e = Assert.ThrowsAny<NpgsqlException>(() => db.Connection.Execute("SELECT 1"));
            throw e;
        };
        var runs = 0;
        var id = t.Db.Write(tx =>
        {
            runs++;
            return CallNotes.Insert(tx, 1, At, "alice", "Parent on the way");
        });

        Assert.True(lost);
        Assert.Equal(1, runs);
        var notes = CallNotes.Of(other, 1);
        Assert.Equal(id, Assert.Single(notes).Id);
        Assert.NotEqual(System.Data.ConnectionState.Broken, t.Db.Connection.State); // the store carries on, on a new connection
        Assert.Equal(1, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM call_notes"));
    }

    [Fact]
    public void Receipts_older_than_any_retry_are_swept_as_writes_go_on()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        t.Db.Connection.Execute("INSERT INTO write_receipts(token, at) VALUES ('old', '2026-01-01T00:00:00.000Z')");
        using (var tx = PgStore.BeginWrite(t.Db.Connection, receipt: new WriteReceipt("kept", Sweep: false))) tx.Commit();
        Assert.Equal(["kept", "old"], t.Db.Connection.Query<string>("SELECT token FROM write_receipts ORDER BY token"));
        using (var tx = PgStore.BeginWrite(t.Db.Connection, receipt: new WriteReceipt("sweeper", Sweep: true))) tx.Commit();
        Assert.Equal(["kept", "sweeper"], t.Db.Connection.Query<string>("SELECT token FROM write_receipts ORDER BY token"));
    }
}
