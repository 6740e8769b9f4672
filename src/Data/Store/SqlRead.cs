using System.Data.Common;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Plain reads and writes through commands kept prepared per connection (<see cref="StatementCache"/>), for the
/// queries every process start runs (opening the store, the district's calendar and locations, `status`) and the
/// statements the worker pass and the dispatch actions run per call (issue 14, speed). Dapper generates and compiles a
/// row reader for each new row shape the first time it sees it (measured on a ReadyToRun build, 50–70 ms per process,
/// a quarter of `status --json`) and makes a new command, prepared again, for every run. Everything else keeps using Dapper.
/// </summary>
internal static class SqlRead
{
    /// <summary>The rows of <paramref name="sql"/>, each made by <paramref name="row"/>.</summary>
    public static List<T> Rows<T>(DbConnection c, string sql, Func<DbDataReader, T> row, DbTransaction? tx = null,
        params (string Name, object? Value)[] args)
    {
        using var lease = StatementCache.Rent(c, sql, tx, args);
        using var r = lease.Command.ExecuteReader();
        var rows = new List<T>();
        while (r.Read()) rows.Add(row(r));
        return rows;
    }

    /// <summary>Calls <paramref name="row"/> for each row of <paramref name="sql"/> (to tally them).</summary>
    public static void Each(DbConnection c, string sql, Action<DbDataReader> row, DbTransaction? tx = null,
        params (string Name, object? Value)[] args)
    {
        using var lease = StatementCache.Rent(c, sql, tx, args);
        using var r = lease.Command.ExecuteReader();
        while (r.Read()) row(r);
    }

    /// <summary>
    /// Several queries in one command, one round trip to PostgreSQL (issue 17): <paramref name="sql"/> holds them separated
    /// by semicolons, and <paramref name="rows"/>[i] is called for each row of the i-th. Each query sees every commit
    /// before it starts (read committed), as separate reads would.
    /// </summary>
    public static void Sets(DbConnection c, string sql, DbTransaction? tx, Action<DbDataReader>[] rows, params (string Name, object? Value)[] args)
    {
        using var lease = StatementCache.Rent(c, sql, tx, args);
        using var r = lease.Command.ExecuteReader();
        for (var i = 0; i < rows.Length; i++)
        {
            if (i > 0 && !r.NextResult()) throw new InvalidOperationException($"The command gave {i} result sets, not {rows.Length}.");
            while (r.Read()) rows[i](r);
        }
    }

    /// <summary>The first row of <paramref name="sql"/> made by <paramref name="row"/>, or null when there is none.</summary>
    public static T? Row<T>(DbConnection c, string sql, Func<DbDataReader, T> row, DbTransaction? tx = null,
        params (string Name, object? Value)[] args) where T : class
    {
        using var lease = StatementCache.Rent(c, sql, tx, args);
        using var r = lease.Command.ExecuteReader();
        return r.Read() ? row(r) : null;
    }

    /// <summary>
    /// Runs a statement that changes rows in <paramref name="tx"/>, now or, in a change to one call on PostgreSQL
    /// (<see cref="WriteScope.OnCall"/>), with its batch (<see cref="StatementBatch"/>). A conditional statement passes <paramref name="unlessOneRow"/>:
    /// when it did not change exactly one row, the race was lost and what that makes is thrown.
    /// </summary>
    public static void Queue(DbConnection c, string sql, DbTransaction tx, Func<Exception>? unlessOneRow, params (string Name, object? Value)[] args)
    {
        if (StatementBatch.TryQueue(c, sql, tx, args, unlessOneRow)) return;
        if (Execute(c, sql, tx, args) != 1 && unlessOneRow is not null) throw unlessOneRow();
    }

    /// <summary>Runs a statement that changes rows (in <paramref name="tx"/>) and returns how many it changed.</summary>
    public static int Execute(DbConnection c, string sql, DbTransaction? tx, params (string Name, object? Value)[] args)
    {
        using var lease = StatementCache.Rent(c, sql, tx, args);
        return lease.Command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row as a number; 0 when there is no row or it is NULL.</summary>
    public static long Long(DbConnection c, string sql, DbTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        using var lease = StatementCache.Rent(c, sql, tx, args);
        // Any integer or numeric type: PostgreSQL answers int4 for a literal, int8 for count(*), numeric for sum()
        // (issue 17: testing `is long` alone read those as 0).
        return lease.Command.ExecuteScalar() switch
        {
            long n => n,
            int n => n,
            short n => n,
            decimal n => (long)n,
            _ => 0,
        };
    }

    /// <summary>The first column of the first row as text; null when there is no row or it is NULL.</summary>
    public static string? Text(DbConnection c, string sql, DbTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        using var lease = StatementCache.Rent(c, sql, tx, args);
        return lease.Command.ExecuteScalar() as string;
    }

    /// <summary>Runs statements that return nothing (PRAGMAs).</summary>
    public static void Run(DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static string? NullableText(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? NullableLong(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
