using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store;

/// <summary>The plain reads every process start makes (opening the store, the district, `status`) without Dapper.</summary>
public class SqlReadTests
{
    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: an int4 column, NULLs and parameters read alike
    public void Rows_bind_parameters_and_map_every_row_and_nulls(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        var c = t.Db.Connection;
        SqlRead.Run(c, "CREATE TABLE t(k TEXT, n INTEGER); INSERT INTO t VALUES ('a', 1), ('b', NULL), ('c', 3);");
        var rows = SqlRead.Rows(c, "SELECT k, n FROM t WHERE k >= @from ORDER BY k", r => $"{r.GetString(0)}={r.NullableLong(1)?.ToString() ?? "null"}",
            null, ("@from", "b"));
        Assert.Equal(["b=null", "c=3"], rows);
        var seen = 0;
        SqlRead.Each(c, "SELECT n FROM t", _ => seen++);
        Assert.Equal(3, seen);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)] // issue 17: an int4 column, NULLs and parameters read alike
    public void Scalars_are_zero_or_null_when_there_is_no_row_or_a_NULL(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        var c = t.Db.Connection;
        SqlRead.Run(c, "CREATE TABLE t(k TEXT, n INTEGER); INSERT INTO t VALUES ('a', NULL);");
        Assert.Equal(1, SqlRead.Long(c, "SELECT count(*) FROM t"));
        Assert.Equal(0, SqlRead.Long(c, "SELECT n FROM t"));
        Assert.Equal(0, SqlRead.Long(c, "SELECT n FROM t WHERE k = @k", null, ("@k", "zz")));
        Assert.Equal("a", SqlRead.Text(c, "SELECT k FROM t"));
        Assert.Null(SqlRead.Text(c, "SELECT n FROM t"));
        Assert.Null(SqlRead.Text(c, "SELECT k FROM t WHERE k = @k", null, ("@k", null)));
    }
}
