namespace SafetyConsole.Data.Store;

/// <summary>
/// What a database error means to the product, whichever engine raised it (issue 17): the store was busy for longer than
/// the lock timeout (the "busy" sentence, try again), or a transaction was chosen to fail so another could go on
/// (PostgreSQL's serialization failure or deadlock: safe to run the whole transaction again).
/// </summary>
public static class StoreErrors
{
    /// <summary>SQLite BUSY or LOCKED; PostgreSQL lock_not_available (lock_timeout) or query_canceled by a statement timeout.</summary>
    public static bool IsBusy(Exception e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
        || e is Npgsql.PostgresException { SqlState: "55P03" or "57014" };

    /// <summary>
    /// PostgreSQL serialization_failure or deadlock_detected, or a statement prepared on this connection (Npgsql's
    /// automatic preparation, <see cref="PgTarget.AutoPrepared"/>) whose result type another process changed since, by a
    /// migration (0A000 "cached plan must not change result type"; Npgsql prepares it afresh next time): nothing was
    /// written; the transaction may run again.
    /// </summary>
    public static bool IsRetryable(Exception e) =>
        e is Npgsql.PostgresException { SqlState: "40001" or "40P01" or "0A000" };

    /// <summary>
    /// PostgreSQL: the connection is gone (issue 17): the server was shut down or crashed (57P01, 57P02), is starting or
    /// recovering (57P03), a connection exception (08xxx), or the socket failed or timed out under Npgsql. The holder
    /// opens a new connection (<see cref="SafetyDb.ReopenIfBroken"/>); nothing is wrong with the data.
    /// </summary>
    public static bool IsConnectionLoss(Exception e) => e switch
    {
        Npgsql.PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03",
        Npgsql.NpgsqlException n => n.IsTransient || n.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException,
        _ => false,
    };

    /// <summary>
    /// PostgreSQL insufficient_privilege: the database role may not read or write a table (a consortium's role for another
    /// district's schema, or rights not yet granted after `init`). Nothing was written.
    /// </summary>
    public static bool IsDenied(Exception e) =>
        e is Npgsql.PostgresException { SqlState: "42501" };

    /// <summary>The one sentence the command line prints for a <see cref="IsDenied"/> error (the server's own words in brackets).</summary>
    public static string DeniedSentence(Exception e) =>
        $"The database refused this account ({(e as Npgsql.PostgresException)?.MessageText ?? e.Message}); ask the database's owner to grant your role rights on your district's schema, or pass --db with your own district's schema.";

    /// <summary>Any error the database engine raised (to catch beside <see cref="SafetyException"/> where a failed action is shown, not fatal).</summary>
    public static bool IsDatabaseError(Exception e) =>
        e is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException;
}
