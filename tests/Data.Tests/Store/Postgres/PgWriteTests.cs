using Dapper;
using Npgsql;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>Write transactions on PostgreSQL (issue 17): one writer at a time, busy after the lock timeout, retried when the server says so.</summary>
public class PgWriteTests
{
    [Fact]
    public async Task A_writer_waits_for_another_writers_commit_and_then_sees_it()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        using var other = t.OpenAnother();
        using var watcher = t.OpenAnother();
        using var first = t.Db.BeginWrite();
        t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('k', 'first')", transaction: first);
        var second = Task.Run(() => other.Write(tx =>
            // Under the write lock this read sees the first writer's commit, as behind SQLite's BEGIN IMMEDIATE.
            other.Connection.ExecuteScalar<string>("SELECT value FROM meta WHERE key = 'k'", transaction: tx)));
        // Asks the server (a real process) until the second writer is queued on the write lock.
        PgLockWaits.Until(watcher, second, "l.locktype = 'advisory'", "the write lock");
        Assert.False(second.IsCompleted);
        first.Commit();
        Assert.Equal("first", await second);
    }

    [Fact]
    public void A_writer_kept_waiting_past_the_lock_timeout_gets_the_busy_error()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        using var other = t.OpenAnother();
        other.Connection.Execute("SET lock_timeout = '200ms'"); // the product waits 10 s; the test need not
        using var holder = t.Db.BeginWrite();
        var e = Assert.ThrowsAny<Exception>(() => other.Write(_ => { }));
        Assert.True(StoreErrors.IsBusy(e), e.ToString());
    }

    [Fact]
    public void A_write_failed_by_the_server_for_serialization_or_deadlock_runs_again()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        foreach (var state in new[] { "40001", "40P01" })
        {
            var runs = 0;
            var result = t.Db.Write(tx =>
            {
                t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES (@k, 'x')", new { k = state + runs }, tx);
                if (++runs == 1) throw new PostgresException("chosen to fail", "ERROR", "ERROR", state);
                return runs;
            });
            Assert.Equal(2, result);
            // The failed attempt wrote nothing; the retry wrote once.
            Assert.Equal(["x"], t.Db.Connection.Query<string>("SELECT value FROM meta WHERE key LIKE @k", new { k = state + "%" }));
        }
    }
}
