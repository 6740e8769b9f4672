using Dapper;
using Npgsql;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// Change notices and lost connections on PostgreSQL (issue 17): every write transaction notifies the store's channel at
/// commit, so another connection's <see cref="SafetyDb.DataVersion"/> moves exactly for commits; a connection that was
/// lost is opened again, counting as "everything changed"; a write whose connection died is run again, once.
/// </summary>
public class PgChangeNoticeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_commit_moves_another_connections_version_and_a_rollback_sends_no_notice()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        using var watcher = t.OpenAnother();
        var v0 = watcher.DataVersion(); // starts listening
        Assert.Equal(0, watcher.ChangeNotices);

        t.Db.Write(tx => t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('a', 'committed')", transaction: tx));
        // The notice is on its way when the commit returns; the watcher hears it at one of its next round trips.
        HeardNotices(watcher, 1, "the commit's notice");
        Assert.NotEqual(v0, watcher.DataVersion());

        Assert.Throws<InvalidOperationException>(() => t.Db.Write(tx =>
        {
            t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('b', 'rolled back')", transaction: tx);
            throw new InvalidOperationException("the change is abandoned");
        }));
        // Notices arrive in commit order: once a later commit's notice is heard, a notice of the rollback would have been too.
        using var marker = t.OpenAnother();
        marker.Write(tx => marker.Connection.Execute("INSERT INTO meta(key, value) VALUES ('c', 'marker')", transaction: tx));
        HeardNotices(watcher, 2, "the marker commit's notice");
        Assert.Equal(2, watcher.ChangeNotices);
    }

    [Fact]
    public void A_connection_does_not_count_its_own_commits_and_hears_each_store_on_its_own_channel()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        using var other = new TestDb(StoreBackend.Postgres); // another store (database) on the same server
        using var watcher = t.OpenAnother();
        watcher.DataVersion();
        watcher.Write(tx => watcher.Connection.Execute("INSERT INTO meta(key, value) VALUES ('own', 'x')", transaction: tx));
        other.Db.Write(tx => other.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('elsewhere', 'x')", transaction: tx));
        t.Db.Write(tx => t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('marker', 'x')", transaction: tx));
        HeardNotices(watcher, 1, "the marker commit's notice");
        Assert.Equal(1, watcher.ChangeNotices);
    }

    [Fact]
    public void The_channel_of_a_schema_whose_name_is_too_long_for_a_channel_is_hashed_and_still_heard()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        var schema = "district_" + new string('x', 50); // 59 characters: with the prefix, past the 63 a channel may have
        t.Db.Connection.Execute($"CREATE SCHEMA {schema}");
        var cs = new NpgsqlConnectionStringBuilder(t.FilePath) { SearchPath = schema }.ConnectionString;
        using var writer = SafetyDb.Open(cs, TestDb.Account, create: true);
        using var watcher = SafetyDb.Open(cs, TestDb.Account);
        Assert.Equal("safety_console_changes_" + Md5(schema), watcher.Connection.ExecuteScalar<string>($"SELECT {PgChangeWatch.ChannelSql}"));
        watcher.DataVersion();
        writer.Write(tx => writer.Connection.Execute("INSERT INTO meta(key, value) VALUES ('k', 'v')", transaction: tx));
        HeardNotices(watcher, 1, "the notice on the hashed channel");
    }

    [Fact]
    public void A_lost_connection_is_opened_again_at_the_next_poll_and_the_version_moves()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        using var watcher = t.OpenAnother();
        var v0 = watcher.DataVersion();
        var pid = ((NpgsqlConnection)watcher.Connection).ProcessID;
        t.Db.Connection.Execute("SELECT pg_terminate_backend(@pid, 10000)", new { pid });

        var lost = Assert.ThrowsAny<Exception>(() => watcher.DataVersion());
        Assert.True(StoreErrors.IsConnectionLoss(lost), lost.ToString());
        var v1 = watcher.DataVersion();
        Assert.NotEqual(v0, v1);
        Assert.NotEqual(pid, ((NpgsqlConnection)watcher.Connection).ProcessID);

        // The new connection listens too.
        t.Db.Write(tx => t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES ('k', 'v')", transaction: tx));
        HeardNotices(watcher, 1, "a notice on the new connection");
    }

    [Fact]
    public void A_write_whose_connection_dies_in_flight_runs_again_on_a_new_connection_once()
    {
        using var t = new TestDb(StoreBackend.Postgres);
        using var killer = t.OpenAnother();
        var runs = 0;
        var result = t.Db.Write(tx =>
        {
            t.Db.Connection.Execute("INSERT INTO meta(key, value) VALUES (@k, 'x')", new { k = "run" + runs }, tx);
            if (++runs == 1)
            {
                killer.Connection.Execute("SELECT pg_terminate_backend(@pid, 10000)", new { pid = ((NpgsqlConnection)t.Db.Connection).ProcessID });
                t.Db.Connection.Execute("SELECT 1", transaction: tx); // the server has closed it: this statement finds out
            }
            return runs;
        });
        Assert.Equal(2, result);
        // The first attempt died with its transaction: only the second one's row is there.
        Assert.Equal(["run1"], killer.Connection.Query<string>("SELECT key FROM meta WHERE key LIKE 'run%'"));
    }

    [Fact]
    public void A_change_retried_after_a_lost_connection_that_had_in_fact_committed_meets_itself_as_a_lost_race()
    {
        // The worst moment to lose a connection: after the server committed, before the client heard so. Played here by
        // killing the writer's connection and committing its change on another connection as the same operator.
        using var t = new TestDb(StoreBackend.Postgres);
        StateChangesTests.SeedOneCallAndOfficer(t.Db);
        using var other = t.OpenAnother();
        var at = new DateTimeOffset(2026, 11, 23, 18, 1, 0, TimeSpan.Zero);
        void Assign(SafetyDb db, System.Data.Common.DbTransaction tx) => StateChanges.MoveCall(tx, 1, CallStatus.Pending, CallStatus.Assigned,
            new EventRow(at, "alice", "call.assigned", Badge: "CSO-1"), new CallSet().AssignedTo("CSO-1", at));
        var runs = 0;
        var e = Assert.Throws<ChangeConflict>(() => t.Db.Write(tx =>
        {
            if (++runs == 1)
            {
                other.Connection.Execute("SELECT pg_terminate_backend(@pid, 10000)", new { pid = ((NpgsqlConnection)t.Db.Connection).ProcessID });
                other.Write(otx => Assign(other, otx)); // the write lock died with the writer's connection
                t.Db.Connection.Execute("SELECT 1", transaction: tx);
            }
            Assign(t.Db, tx);
        }));
        Assert.Equal(2, runs);
        Assert.Equal("Call 1 was not PENDING any more: it is ASSIGNED to CSO-1 (by alice at 2026-11-23T18:01:00.000Z), so it was not made ASSIGNED; refresh and decide again.", e.Message);
        Assert.Single(Reads.EventsOfCall(other, 1), ev => ev.ToStatus == "ASSIGNED");
    }

    [Fact]
    public void Errors_are_classified_as_a_lost_connection_only_when_the_connection_is_gone()
    {
        foreach (var state in new[] { "57P01", "57P02", "57P03", "08006", "08003" })
            Assert.True(StoreErrors.IsConnectionLoss(new PostgresException("gone", "FATAL", "FATAL", state)), state);
        foreach (var state in new[] { "40001", "40P01", "55P03", "23505", "57014" })
            Assert.False(StoreErrors.IsConnectionLoss(new PostgresException("not gone", "ERROR", "ERROR", state)), state);
        Assert.True(StoreErrors.IsConnectionLoss(new NpgsqlException("Exception while reading from stream", new IOException("EOF"))));
        Assert.False(StoreErrors.IsConnectionLoss(new InvalidOperationException("no")));
    }

    /// <summary>Polls as the board does (each DataVersion is a round trip that drains the notices sent) until <paramref name="count"/> were heard.</summary>
    private static void HeardNotices(SafetyDb watcher, long count, string what) =>
        Eventually.Returns(() => { watcher.DataVersion(); return watcher.ChangeNotices; }, n => n >= count, Deadline, what);

    private static string Md5(string s) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
}
