using System.Data;
using System.Data.Common;
using Npgsql;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The PostgreSQL side of <see cref="SafetyDb"/> (issue 17): opening a connection, the write lock, and the change counter.
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
    /// A write transaction that first takes the store's transaction-level advisory lock: writers queue exactly as they
    /// do behind SQLite's BEGIN IMMEDIATE, so every read-then-write the product does inside a write (the enforcement
    /// pass's re-read, releasing a timed-out officer, removing the last supervisor, migrations) sees every earlier commit
    /// and nothing commits between its read and its write. One lock: no lock order to get wrong, no deadlock. Read
    /// committed: each statement after the lock sees all commits before it. The lock ends with the transaction.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection)
    {
        var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        try
        {
            TakeWriteLock(connection, tx);
            return tx;
        }
        catch
        {
            tx.Dispose();
            throw;
        }
    }

    public static void TakeWriteLock(DbConnection connection, DbTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT pg_advisory_xact_lock({LockKey}, hashtext(current_schema()))";
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Moves whenever anything is committed in the cluster (the write-ahead log's position), so the board and the
    /// worker notice another host's change at their next poll as they do with SQLite's data_version. It also moves for
    /// writes the store does not care about (other databases, vacuum): a spare refresh, never a missed one.
    /// On a standby it is the replayed position.
    /// </summary>
    public static long DataVersion(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END, '0/0')::bigint";
        return cmd.ExecuteScalar() is long n ? n : 0;
    }
}
