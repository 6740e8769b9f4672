using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The commands of one SQLite connection, kept by SQL text so each statement is prepared once per connection and run
/// many times. Microsoft.Data.Sqlite keeps a command's statements prepared for as long as its text is unchanged, but a
/// new command (what Dapper makes for every call) prepares the text again: measured on the `simulate` bench, a quarter
/// of a school year's replay went to preparing the same few dozen statements (issue 14, speed). The store's hot methods
/// run through <see cref="SqlRead"/>, which rents its commands here.
/// PostgreSQL gets a plain command each time: Npgsql prepares the texts it sees run often (<see cref="PgTarget.AutoPrepared"/>).
/// The cache is per connection (commands are never shared between threads or connections) and is disposed with it
/// (<see cref="SafetyDb.Dispose"/>). A command in use (a reader still open) is never handed out twice: a nested run
/// of the same text gets a plain command.
/// </summary>
internal sealed class StatementCache : IDisposable
{
    /// <summary>
    /// Enough for every statement the product runs on one connection; SQL built with values in its text (none of the
    /// hot methods do that) would otherwise grow the cache without end, so past this it stops keeping new texts.
    /// </summary>
    private const int MaxStatements = 512;

    private static readonly ConditionalWeakTable<DbConnection, StatementCache> Caches = new();

    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private bool _disposed;

    internal sealed class Kept(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;
        public bool InUse { get; set; }
    }

    /// <summary>A command for <paramref name="sql"/> with <paramref name="args"/> bound, in <paramref name="tx"/>; dispose it when done.</summary>
    public static Lease Rent(DbConnection connection, string sql, DbTransaction? tx, ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (connection is not StoreConnection sqlite)
        {
            StatementBatch.Flush(connection); // statements kept for a batch run first (PostgreSQL): this one may read what they wrote
            return new Lease(Plain(connection, sql, tx, args), null);
        }
        if (connection.State != System.Data.ConnectionState.Open) return new Lease(Plain(connection, sql, tx, args), null);
        var cache = Caches.GetValue(connection, _ => new StatementCache());
        if (cache._disposed) return new Lease(Plain(connection, sql, tx, args), null);
        if (!cache._kept.TryGetValue(sql, out var kept))
        {
            if (cache._kept.Count >= MaxStatements) return new Lease(Plain(connection, sql, tx, args), null);
            kept = new Kept(new SqliteCommand(sql, sqlite));
            cache._kept.Add(sql, kept);
        }
        if (kept.InUse) return new Lease(Plain(connection, sql, tx, args), null);
        var cmd = kept.Command;
        // A command made by the connection joins its open transaction by itself; a kept one is told (SQLite has one at a time).
        cmd.Transaction = (SqliteTransaction?)tx ?? sqlite.OpenTransaction;
        Bind(cmd, args);
        kept.InUse = true;
        return new Lease(cmd, kept);
    }

    /// <summary>Disposes the commands kept for <paramref name="connection"/> (before it closes).</summary>
    public static void Release(DbConnection connection)
    {
        if (!Caches.TryGetValue(connection, out var cache)) return;
        Caches.Remove(connection);
        cache.Dispose();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var kept in _kept.Values) kept.Command.Dispose();
        _kept.Clear();
    }

    /// <summary>
    /// Sets the parameters in place when the names are the same as the last run's (the usual case: one call site per
    /// text), else builds them again; binding happens when the command runs, and does not unprepare it.
    /// </summary>
    private static void Bind(SqliteCommand cmd, ReadOnlySpan<(string Name, object? Value)> args)
    {
        var ps = cmd.Parameters;
        var same = ps.Count == args.Length;
        for (var i = 0; same && i < args.Length; i++) same = string.Equals(ps[i].ParameterName, args[i].Name, StringComparison.Ordinal);
        if (!same)
        {
            ps.Clear();
            foreach (var (name, _) in args) ps.Add(new SqliteParameter { ParameterName = name });
        }
        for (var i = 0; i < args.Length; i++) ps[i].Value = args[i].Value ?? DBNull.Value;
    }

    private static DbCommand Plain(DbConnection c, string sql, DbTransaction? tx, ReadOnlySpan<(string Name, object? Value)> args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>A rented command: a kept one goes back to the cache (its transaction cleared), a plain one is disposed.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly Kept? _kept;

        internal Lease(DbCommand command, Kept? kept)
        {
            Command = command;
            _kept = kept;
        }

        public DbCommand Command { get; }

        public void Dispose()
        {
            if (_kept is null)
            {
                Command.Dispose();
                return;
            }
            _kept.Command.Transaction = null;
            _kept.InUse = false;
        }
    }
}

/// <summary>
/// The store's SQLite connection. Microsoft.Data.Sqlite hands its open transaction to each command it creates, and
/// refuses a command without it; it does not say which transaction is open to anyone else. A command kept by
/// <see cref="StatementCache"/> was created earlier, so it is given the transaction open now, which this exposes.
/// </summary>
internal sealed class StoreConnection(string connectionString) : SqliteConnection(connectionString)
{
    public SqliteTransaction? OpenTransaction => Transaction;
}
