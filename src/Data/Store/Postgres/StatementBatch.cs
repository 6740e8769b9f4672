using System.Data.Common;
using System.Runtime.CompilerServices;
using Npgsql;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The statements of one change to a call, sent to PostgreSQL together (issue 17). A state change is a handful of
/// statements whose results nothing in the change needs before the next is sent: the conditional updates with their
/// events, the assignment's times. Sent one by one, each waited a round trip, and a round trip was what a change cost on
/// a busy dispatch host (two processes woken, the client's and the server's). A change to one call
/// (<see cref="WriteScope.OnCall"/>) opens a batch once it holds its write lock (<see cref="SafetyDb"/>); inside it
/// <see cref="SqlRead.Queue"/> keeps statements instead of running them; the batch goes as one round trip when the
/// change returns, or earlier when anything else runs a statement through <see cref="SqlRead"/> on the connection (so a
/// read inside sees every statement before it). Dapper does not send the batch first: a statement that must see the
/// change's earlier ones goes through <see cref="SqlRead"/>.
/// Then each conditional statement's row count is looked at, in order: a lost race throws its
/// <see cref="ChangeConflict"/> as if the statement had run alone, and the caller's transaction rolls back. The
/// statements after a lost one ran too, so a savepoint goes before the first conditional statement and a lost race rolls
/// back to it before its sentence is made: the winner it names is read from what others committed, never from the
/// loser's own statements. SQLite has no round trips: there a batch never opens and statements run at once.
/// </summary>
internal sealed class StatementBatch
{
    private static readonly ConditionalWeakTable<DbConnection, StatementBatch> Open = new();

    private readonly NpgsqlConnection _connection;
    private readonly DbTransaction _tx;
    private readonly List<(string Sql, (string Name, object? Value)[] Args, Func<Exception>? UnlessOneRow)> _statements = [];

    private StatementBatch(NpgsqlConnection connection, DbTransaction tx)
    {
        _connection = connection;
        _tx = tx;
    }

    /// <summary>
    /// Opens a batch on <paramref name="tx"/>'s connection (PostgreSQL only): one per write transaction, and a connection
    /// has one transaction at a time. <see cref="Scope.Complete"/> sends it; disposing the scope closes it.
    /// </summary>
    public static Scope Begin(DbTransaction tx)
    {
        if (tx.Connection is not NpgsqlConnection pg) return default;
        var batch = new StatementBatch(pg, tx);
        Open.Add(pg, batch); // throws if one is open here: a bug, never two at once
        return new Scope(batch);
    }

    /// <summary>Keeps a statement to send with the batch open on <paramref name="c"/>; false when none is open (run it now).</summary>
    public static bool TryQueue(DbConnection c, string sql, DbTransaction? tx, (string Name, object? Value)[] args, Func<Exception>? unlessOneRow)
    {
        if (!Open.TryGetValue(c, out var batch) || !ReferenceEquals(batch._tx, tx)) return false;
        batch._statements.Add((sql, args, unlessOneRow));
        return true;
    }

    private const string Savepoint = "safety_console_batch";

    /// <summary>Sends what the batch open on <paramref name="c"/> holds, before another statement runs there.</summary>
    public static void Flush(DbConnection c)
    {
        if (Open.TryGetValue(c, out var batch)) batch.Send();
    }

    private void Send()
    {
        if (_statements.Count == 0) return;
        var statements = _statements.ToArray();
        _statements.Clear();
        using var batch = new NpgsqlBatch(_connection, (NpgsqlTransaction)_tx);
        var index = new int[statements.Length]; // where each statement is in the batch (after the savepoint, if any)
        var saved = false;
        for (var i = 0; i < statements.Length; i++)
        {
            var (sql, args, unlessOneRow) = statements[i];
            if (unlessOneRow is not null && !saved)
            {
                // Before the first conditional statement: a lost race undoes what follows, not what came before it.
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {Savepoint}"));
                saved = true;
            }
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in args) command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
            index[i] = batch.BatchCommands.Count;
            batch.BatchCommands.Add(command);
        }
        batch.ExecuteNonQuery();
        for (var i = 0; i < statements.Length; i++)
        {
            if (statements[i].UnlessOneRow is not { } lost || batch.BatchCommands[index[i]].RecordsAffected == 1) continue;
            using (var undo = new NpgsqlCommand($"ROLLBACK TO SAVEPOINT {Savepoint}", _connection, (NpgsqlTransaction)_tx)) undo.ExecuteNonQuery();
            throw lost();
        }
    }

    /// <summary>A batch's life: <see cref="Complete"/> when the work returned normally; a scope left by an exception drops what it held.</summary>
    public readonly struct Scope(StatementBatch? batch) : IDisposable
    {
        public void Complete() => batch?.Send();

        public void Dispose()
        {
            if (batch is null) return;
            batch._statements.Clear(); // empty after Complete; left by an exception, its transaction rolls back: nothing may be sent later
            Open.Remove(batch._connection);
        }
    }
}
