using Npgsql;

namespace SafetyConsole.Data.Store;

/// <summary>
/// PostgreSQL's answer to SQLite's <c>PRAGMA data_version</c> (issue 17): a number that moves when another connection
/// committed a change to this store, polled by the board (every 250 ms) and the worker. Three things move it:
/// <list type="bullet">
/// <item>a change notice: every write transaction sends <c>pg_notify</c> on the store's channel
/// (<see cref="PgStore.BeginWrite"/>), which the server delivers exactly at commit and never on a rollback, so a
/// listener hears of every commit of every host at its next round trip, with nothing left to timing;</item>
/// <item>the server's WAL position (the replayed position on a hot standby, where LISTEN is not allowed): it still
/// shows a change made by a program that sends no notice (psql, a restore), at the price of a spare refresh for writes
/// to other databases of the cluster. It is only the second component: with <c>synchronous_commit = off</c> the WAL
/// write position lags a commit by up to a WAL-writer cycle, which once made the board miss a change's moment;</item>
/// <item>a new connection (a reconnect after a lost one, a failover): the listener missed whatever was sent meanwhile,
/// so it counts as "everything changed".</item>
/// </list>
/// The number is this object's own counter, bumped when any component changes; only equality with the last reading
/// means anything (as with data_version). One watch per <see cref="SafetyDb"/>, used by one thread at a time.
/// </summary>
internal sealed class PgChangeWatch
{
    /// <summary>
    /// The store's channel, computed by the server from the schema (a consortium has one schema, so one channel, per
    /// district): <c>safety_console_changes_</c> + schema, or + the schema's md5 when that would pass the 63 bytes a
    /// channel name may have. The notifier and the listener compute it with this same expression.
    /// </summary>
    public const string ChannelSql =
        "CASE WHEN octet_length('safety_console_changes_' || coalesce(current_schema(), '')) <= 63 " +
        "THEN 'safety_console_changes_' || coalesce(current_schema(), '') " +
        "ELSE 'safety_console_changes_' || md5(coalesce(current_schema(), '')) END";

    /// <summary>LISTEN is refused on a hot standby ("cannot execute LISTEN during recovery").</summary>
    private const string ReadOnlyTransaction = "25006";

    private NpgsqlConnection? _connection;
    private bool _listenTried;
    private long _notices;
    private long _seenNotices;
    private long _seenWal = -1;
    private long _version;

    /// <summary>How many change notices of other connections' commits have arrived.</summary>
    public long Notices => Interlocked.Read(ref _notices);

    /// <summary>The change counter, read on <paramref name="connection"/> (the connection the <see cref="SafetyDb"/> holds now).</summary>
    public long Read(NpgsqlConnection connection)
    {
        if (!ReferenceEquals(connection, _connection))
        {
            // A first or a new connection: whatever was committed while nobody listened counts as changed.
            if (_connection is not null) _connection.Notification -= OnNotification;
            _connection = connection;
            _listenTried = false;
            connection.Notification += OnNotification;
            _version++;
        }
        if (!_listenTried)
        {
            _listenTried = true;
            Listen(connection);
        }
        // This round trip also drains the notices the server sent since the last one: Npgsql raises Notification for
        // each before it returns the result (Wait(0) would block: 0 means "no timeout" to Npgsql).
        var wal = WalPosition(connection);
        var notices = Interlocked.Read(ref _notices);
        if (wal != _seenWal || notices != _seenNotices)
        {
            _seenWal = wal;
            _seenNotices = notices;
            _version++;
        }
        return _version;
    }

    private static void Listen(NpgsqlConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT quote_ident({ChannelSql})";
        var channel = (string)cmd.ExecuteScalar()!;
        cmd.CommandText = $"LISTEN {channel}";
        try
        {
            cmd.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == ReadOnlyTransaction)
        {
            // A hot standby: nothing is written here; the replayed WAL position shows what the primary committed.
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        // A connection's own commits are not news to it (SQLite's data_version ignores them too): the worker would
        // otherwise run a second pass after each pass that acted.
        if (sender is NpgsqlConnection { ProcessID: var own } && e.PID == own) return;
        Interlocked.Increment(ref _notices);
    }

    /// <summary>The WAL position: written on a primary, replayed on a standby.</summary>
    private static long WalPosition(NpgsqlConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END, '0/0')::bigint";
        return cmd.ExecuteScalar() is long n ? n : 0;
    }
}
