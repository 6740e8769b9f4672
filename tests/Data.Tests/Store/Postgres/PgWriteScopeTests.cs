using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// Issue 17, a state change's latency under several dispatchers: on PostgreSQL a change to one call holds the store's
/// write lock shared and the call's row (<see cref="WriteScope.OnCall"/>), so changes to different calls no longer queue
/// behind each other, while a write that needs the whole store (<see cref="WriteScope.Store"/>) still waits for them and
/// holds them back. Each test plays the moment with a transaction held open on purpose and asks the server (pg_locks)
/// who is waiting, so nothing depends on timing.
/// </summary>
public class PgWriteScopeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 18, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Changes_to_two_calls_run_side_by_side()
    {
        using var t = Seeded();
        using var other = t.OpenAnother();
        other.Connection.Execute("SET lock_timeout = '2s'"); // before: it queued behind the first change and gave up busy
        using var first = PgStore.BeginWrite(t.Db.Connection, WriteScope.OnCall(1));
        Assign(first, 1, "CSO-1");

        other.Write(WriteScope.OnCall(2), tx => Assign(tx, 2, "CSO-2")); // returns while the first is still open

        first.Commit();
        Assert.Equal(["CSO-1", "CSO-2"], t.Db.Connection.Query<string>("SELECT assigned_to FROM calls ORDER BY id"));
    }

    [Fact]
    public async Task A_second_change_to_the_same_call_waits_for_the_first_and_is_told_who_won()
    {
        using var t = Seeded();
        using var other = t.OpenAnother();
        using var watcher = t.OpenAnother();
        using var first = PgStore.BeginWrite(t.Db.Connection, WriteScope.OnCall(1));
        Assign(first, 1, "CSO-1");
        var second = Task.Run(() => other.Write(WriteScope.OnCall(1), tx => Assign(tx, 1, "CSO-2", "bob")));
        PgLockWaits.Until(watcher, second, "l.locktype <> 'advisory'", "the call's row");

        first.Commit();
        var lost = await Assert.ThrowsAsync<ChangeConflict>(() => second);
        // The winner, though bob's statements were sent together and his officer's change (with its event on this call)
        // ran after the call's had lost: it is undone before the sentence is made.
        Assert.Contains("it is ASSIGNED to CSO-1 (by alice", lost.Message, StringComparison.Ordinal);
        Assert.Equal("AVAILABLE", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM officers WHERE badge = 'CSO-2'"));
        Assert.Equal(1, t.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE kind = 'call.assigned'"));
    }

    [Fact]
    public async Task A_store_write_waits_for_a_call_change_in_flight_and_then_sees_it()
    {
        using var t = Seeded();
        using var other = t.OpenAnother();
        using var watcher = t.OpenAnother();
        using var first = PgStore.BeginWrite(t.Db.Connection, WriteScope.OnCall(1));
        Assign(first, 1, "CSO-1");
        // The enforcement pass's kind of write: it reads, then decides, inside its transaction.
        var pass = Task.Run(() => other.Write(tx => other.Connection.ExecuteScalar<string>("SELECT status FROM calls WHERE id = 1", transaction: tx)));
        PgLockWaits.Until(watcher, pass, "l.locktype = 'advisory'", "the store's lock");

        first.Commit();
        Assert.Equal("ASSIGNED", await pass);
    }

    [Fact]
    public async Task A_call_change_waits_for_a_store_write_in_flight()
    {
        using var t = Seeded();
        using var other = t.OpenAnother();
        using var watcher = t.OpenAnother();
        using var store = t.Db.BeginWrite();
        t.Db.Connection.Execute("UPDATE officers SET status = 'OFF_DUTY' WHERE badge = 'CSO-2'", transaction: store);
        var change = Task.Run(() => other.Write(WriteScope.OnCall(2), tx => Assign(tx, 2, "CSO-2")));
        PgLockWaits.Until(watcher, change, "l.locktype = 'advisory'", "the store's lock");

        store.Commit();
        var lost = await Assert.ThrowsAsync<ChangeConflict>(() => change); // it ran after the store write and saw its change
        Assert.Contains("Officer CSO-2 was not AVAILABLE any more: now OFF_DUTY", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_write_waiting_holds_back_new_call_changes_so_it_is_never_starved()
    {
        using var t = Seeded();
        using var pass = t.OpenAnother();
        using var late = t.OpenAnother();
        using var watcher = t.OpenAnother();
        using var first = PgStore.BeginWrite(t.Db.Connection, WriteScope.OnCall(1));
        var store = Task.Run(() => pass.Write(tx => pass.Connection.Execute("INSERT INTO meta(key, value) VALUES ('pass', 'ran')", transaction: tx)));
        PgLockWaits.Until(watcher, store, "l.locktype = 'advisory'", "the store's lock");
        // A change to another call arriving now queues behind the waiting store write, though the holder is shared too.
        var change = Task.Run(() => late.Write(WriteScope.OnCall(2), tx => late.Connection.ExecuteScalar<string>("SELECT value FROM meta WHERE key = 'pass'", transaction: tx)));
        PgLockWaits.Until(watcher, change, "l.locktype = 'advisory'", "the store's lock", waiters: 2);

        first.Commit();
        await store;
        Assert.Equal("ran", await change);
    }

    [Fact]
    public void The_officer_a_change_reads_to_release_is_locked_from_the_read_to_the_update()
    {
        using var t = Seeded();
        using var other = t.OpenAnother();
        t.Db.Write(WriteScope.OnCall(1), tx => Assign(tx, 1, "CSO-1"));
        using var clearing = PgStore.BeginWrite(t.Db.Connection, WriteScope.OnCall(1));
        Assert.Equal("ASSIGNED", StateChanges.LockedOfficerStatus(clearing, "CSO-1")); // what releasing the officer reads first

        // Between that read and the release's conditional update, no change running beside it can move the officer (a
        // plain read would let one: the release would then fail as a race it had not lost).
        other.Connection.Execute("SET lock_timeout = '300ms'");
        using var tx = other.Connection.BeginTransaction();
        var e = Assert.ThrowsAny<Exception>(() => other.Connection.Execute("UPDATE officers SET status = 'OFF_DUTY' WHERE badge = 'CSO-1'", transaction: tx));
        Assert.True(StoreErrors.IsBusy(e), e.ToString());
        Data.Dispatch.CallActions.ReleaseOfficer(clearing, 1, "CSO-1", "alice", At, "cleared");
        clearing.Commit();
        Assert.Equal("AVAILABLE", t.Db.Connection.ExecuteScalar<string>("SELECT status FROM officers WHERE badge = 'CSO-1'"));
    }

    /// <summary>Two PENDING calls (1, 2) and two available officers (CSO-1, CSO-2) at one school.</summary>
    private static TestDb Seeded()
    {
        var t = new TestDb(StoreBackend.Postgres);
        StateChangesTests.SeedOneCallAndOfficer(t.Db);
        t.Db.Connection.Execute("""
            INSERT INTO officers(badge, name, role, agency, post, status, status_since) SELECT 'CSO-2', 'Ben Ruiz', role, agency, post, status, status_since FROM officers WHERE badge = 'CSO-1';
            INSERT INTO calls(id, source, external_id, received_at, location, type, priority, status, created_at, updated_at)
              SELECT 2, source, 'A2', received_at, location, type, priority, status, created_at, updated_at FROM calls WHERE id = 1;
            """);
        return t;
    }

    private static void Assign(System.Data.Common.DbTransaction tx, long call, string badge, string actor = "alice")
    {
        StateChanges.MoveCall(tx, call, CallStatus.Pending, CallStatus.Assigned,
            new EventRow(At, actor, "call.assigned", Badge: badge), new CallSet().AssignedTo(badge, At));
        StateChanges.MoveOfficer(tx, badge, OfficerStatus.Available, OfficerStatus.Assigned,
            new EventRow(At, actor, "officer.assigned", CallId: call));
    }
}
