using System.Data;
using System.Data.Common;
using Npgsql;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The PostgreSQL side of <see cref="SafetyDb"/> (issue 17): opening a connection, the write lock and its change notice.
/// </summary>
internal static class PgStore
{
    /// <summary>The first key of the store's advisory lock: the SQLite application_id ("SCON"); the second is the schema's hash.</summary>
    internal const int LockKey = SafetyDb.ApplicationId;

    /// <summary>How long a writer waits for the write lock or a row before giving up with the busy sentence (SQLite's busy timeout).</summary>
    private const string LockTimeout = "10s";

    public static NpgsqlConnection Connect(string connectionString)
    {
        var conn = new NpgsqlConnection(connectionString);
        try
        {
            conn.Open();
        }
        catch (NpgsqlException e)
        {
            conn.Dispose();
            throw SafetyException.Usage($"Cannot connect to {PgTarget.Describe(connectionString)} ({e.Message.TrimEnd('.')}); check the host, the database name and ~/.pgpass, or pass --db with the right connection string.");
        }
        using var cmd = conn.CreateCommand();
        // Times are text in the store (TimeText), so the session's zone never shows; lock_timeout matches SQLite's
        // busy_timeout so a writer behind a stuck one gets the same "busy" sentence.
        cmd.CommandText = $"SET lock_timeout = '{LockTimeout}'; SET TIME ZONE 'UTC'";
        cmd.ExecuteNonQuery();
        return conn;
    }

    /// <summary>
    /// A new connection in place of <paramref name="lost"/>: the pool's other idle connections went to the same dead
    /// server, so they are dropped too (Npgsql would hand them out again), and the hosts are tried again in order.
    /// </summary>
    public static NpgsqlConnection Reopen(DbConnection lost, string connectionString)
    {
        NpgsqlConnection.ClearPool((NpgsqlConnection)lost);
        lost.Dispose();
        return Connect(connectionString);
    }

    /// <summary>
    /// A write transaction that first takes the store's transaction-level advisory lock, exclusive for a
    /// <see cref="WriteScope.Store"/> write: writers queue exactly as they do behind SQLite's BEGIN IMMEDIATE, so every
    /// read-then-write the product does inside such a write (the enforcement pass's re-read, releasing a timed-out officer,
    /// removing the last supervisor, migrations) sees every earlier commit and nothing commits between its read and its
    /// write. A change to one call (<see cref="WriteScope.OnCall"/>) takes the lock shared and then the call's row, so
    /// changes to different calls do not queue behind each other (their conditional updates keep them apart) yet all of
    /// them wait for, and hold back, an exclusive writer. Lock order, always: the store's lock, the call, its officers.
    /// Read committed: each statement after the lock sees all commits before it. The locks end with the transaction.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection, WriteScope? scope = null, WriteReceipt? receipt = null)
    {
        var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        try
        {
            TakeWriteLock(connection, tx, scope ?? WriteScope.Store, receipt);
            return tx;
        }
        catch
        {
            tx.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes the write lock and, in the same round trip, queues the store's change notice (<see cref="PgChangeWatch"/>):
    /// PostgreSQL delivers a notice when its transaction commits and drops it on a rollback, so every listener (boards,
    /// workers, on any host) hears of exactly the commits, at the moment they become visible. The call's row and the
    /// write's receipt go in the same round trip too: nothing is waited for under the lock that need not be.
    /// </summary>
    private static void TakeWriteLock(DbConnection connection, DbTransaction tx, WriteScope scope, WriteReceipt? receipt)
    {
        var lockFunction = scope.Shared ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
        var statements = new List<string> { $"SELECT {lockFunction}({LockKey}, hashtext(current_schema())), pg_notify({PgChangeWatch.ChannelSql}, '')" };
        var args = new List<(string, object?)>(2);
        if (scope.Call is { } call)
        {
            // FOR NO KEY UPDATE, as the conditional UPDATE itself takes: an event or note that refers to the call (a foreign
            // key's KEY SHARE check) is not held up by it. A missing call locks nothing; the change then says so.
            statements.Add("SELECT 1 FROM calls WHERE id = @call FOR NO KEY UPDATE");
            args.Add(("@call", call));
        }
        if (receipt is not null)
        {
            statements.Add($"INSERT INTO write_receipts(token, at) VALUES (@token, {ServerNow})");
            args.Add(("@token", receipt.Token));
            // Now and then the receipts older than any retry could need are deleted with it; SKIP LOCKED, so two writers
            // sweeping at once never wait for, or deadlock on, each other's rows.
            if (receipt.Sweep)
                statements.Add($"DELETE FROM write_receipts WHERE token IN (SELECT token FROM write_receipts WHERE at < to_char((now() - interval '1 hour') AT TIME ZONE 'UTC', '{ServerTimeFormat}') FOR UPDATE SKIP LOCKED)");
        }
        SqlRead.Execute(connection, string.Join("; ", statements), tx, [.. args]); // one command, one round trip
    }

    private const string ServerTimeFormat = "YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"";
    private const string ServerNow = $"to_char(now() AT TIME ZONE 'UTC', '{ServerTimeFormat}')";

    /// <summary>True when the write that carried <paramref name="receipt"/> was committed (looked up after reconnecting).</summary>
    public static bool Committed(DbConnection connection, WriteReceipt receipt)
        => SqlRead.Long(connection, "SELECT count(*) FROM write_receipts WHERE token = @token", null, ("@token", receipt.Token)) > 0;
}
