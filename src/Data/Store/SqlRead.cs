using System.Data.Common;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Plain reads through a data reader, for the queries every process start runs (opening the store, the district's
/// calendar and locations, `status`). Dapper generates and compiles a row reader for each new row shape the first
/// time it sees it; measured on a ReadyToRun build, that first use costs 50–70 ms per process, a quarter of
/// `status --json`. Everything else keeps using Dapper.
/// </summary>
internal static class SqlRead
{
    /// <summary>The rows of <paramref name="sql"/>, each made by <paramref name="row"/>.</summary>
    public static List<T> Rows<T>(DbConnection c, string sql, Func<DbDataReader, T> row, DbTransaction? tx = null,
        params (string Name, object? Value)[] args) where T : class
    {
        using var cmd = Command(c, sql, tx, args);
        using var r = cmd.ExecuteReader();
        var rows = new List<T>();
        while (r.Read()) rows.Add(row(r));
        return rows;
    }

    /// <summary>Calls <paramref name="row"/> for each row of <paramref name="sql"/> (to tally them).</summary>
    public static void Each(DbConnection c, string sql, Action<DbDataReader> row, DbTransaction? tx = null,
        params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, sql, tx, args);
        using var r = cmd.ExecuteReader();
        while (r.Read()) row(r);
    }

    /// <summary>The first column of the first row as a number; 0 when there is no row or it is NULL.</summary>
    public static long Long(DbConnection c, string sql, DbTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, sql, tx, args);
        // Any integer or numeric type: PostgreSQL answers int4 for a literal, int8 for count(*), numeric for sum()
        // (issue 17: testing `is long` alone read those as 0).
        return cmd.ExecuteScalar() switch
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
        using var cmd = Command(c, sql, tx, args);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Runs statements that return nothing (PRAGMAs).</summary>
    public static void Run(DbConnection c, string sql)
    {
        using var cmd = Command(c, sql, null, []);
        cmd.ExecuteNonQuery();
    }

    public static string? NullableText(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? NullableLong(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static DbCommand Command(DbConnection c, string sql, DbTransaction? tx, (string Name, object? Value)[] args)
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
}
