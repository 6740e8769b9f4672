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
    /// A write transaction that first takes the store's transaction-level advisory lock: writers queue exactly as they
    /// do behind SQLite's BEGIN IMMEDIATE, so every read-then-write the product does inside a write (the enforcement
    /// pass's re-read, releasing a timed-out officer, removing the last supervisor, migrations) sees every earlier commit
    /// and nothing commits between its read and its write. One lock: no lock order to get wrong, no deadlock. Read
    /// committed: each statement after the lock sees all commits before it. The lock ends with the transaction.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection, WriteReceipt? receipt = null)
    {
        var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        try
        {
            TakeWriteLock(connection, tx, receipt);
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
    /// workers, on any host) hears of exactly the commits, at the moment they become visible.
    /// </summary>
    public static void TakeWriteLock(DbConnection connection, DbTransaction tx, WriteReceipt? receipt = null)
    {
        var sql = $"SELECT pg_advisory_xact_lock({LockKey}, hashtext(current_schema())), pg_notify({PgChangeWatch.ChannelSql}, '')";
        if (receipt is null)
        {
            SqlRead.Execute(connection, sql, tx);
            return;
        }
        // The receipt goes in the same round trip as the lock (no extra wait under it); now and then the receipts
        // older than any retry could need are deleted with it.
        sql += $"; INSERT INTO write_receipts(token, at) VALUES (@token, {ServerNow})";
        if (receipt.Sweep) sql += $"; DELETE FROM write_receipts WHERE at < to_char((now() - interval '1 hour') AT TIME ZONE 'UTC', '{ServerTimeFormat}')";
        SqlRead.Execute(connection, sql, tx, ("@token", receipt.Token));
    }

    private const string ServerTimeFormat = "YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"";
    private const string ServerNow = $"to_char(now() AT TIME ZONE 'UTC', '{ServerTimeFormat}')";

    /// <summary>True when the write that carried <paramref name="receipt"/> was committed (looked up after reconnecting).</summary>
    public static bool Committed(DbConnection connection, WriteReceipt receipt)
        => SqlRead.Long(connection, "SELECT count(*) FROM write_receipts WHERE token = @token", null, ("@token", receipt.Token)) > 0;
}
