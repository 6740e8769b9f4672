using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store;

/// <summary>
/// Issue 14 (speed): the store's hot statements are kept prepared per connection, keyed by their text. A kept command
/// must behave as a new one would: it joins the transaction open on its connection, binds this run's values (NULL
/// included), is never handed out twice at once, and goes with the connection.
/// </summary>
public class StatementCacheTests
{
    private const string Insert = "INSERT INTO meta(key, value) VALUES (@k, @v)";
    private const string ValueOf = "SELECT value FROM meta WHERE key = @k";

    [Fact]
    public void The_same_text_runs_on_one_kept_command_on_SQLite()
    {
        using var t = new TestDb();
        var c = t.Db.Connection;
        DbCommandOf(c, ValueOf, out var first);
        DbCommandOf(c, ValueOf, out var second);
        Assert.Same(first, second);
        // Another connection keeps its own.
        using var other = t.OpenAnother();
        DbCommandOf(other.Connection, ValueOf, out var third);
        Assert.NotSame(first, third);
    }

    [Fact]
    public void A_text_still_running_gets_a_command_of_its_own()
    {
        using var t = new TestDb();
        var c = t.Db.Connection;
        SqlRead.Execute(c, Insert, null, ("@k", "a"), ("@v", "1"));
        SqlRead.Execute(c, Insert, null, ("@k", "b"), ("@v", "2"));
        var seen = new List<string>();
        // The outer reader is still open when the same text runs again inside it.
        SqlRead.Each(c, "SELECT key FROM meta WHERE key IN ('a', 'b') ORDER BY key",
            r => seen.Add(r.GetString(0) + "=" + SqlRead.Text(c, "SELECT key FROM meta WHERE key IN ('a', 'b') ORDER BY key")));
        Assert.Equal(["a=a", "b=a"], seen);
    }

    [Theory]
    [InlineData(StoreBackend.Sqlite)]
    [InlineData(StoreBackend.Postgres)]
    public void A_kept_command_joins_the_open_transaction_rolls_back_with_it_and_binds_each_runs_values(StoreBackend backend)
    {
        using var t = new TestDb(backend);
        var c = t.Db.Connection;
        Assert.ThrowsAny<InvalidOperationException>(() => t.Db.Write(tx =>
        {
            SqlRead.Execute(c, Insert, tx, ("@k", "kept"), ("@v", "in the transaction"));
            // Read without naming the transaction, as the store's reads inside a write do: it sees the write.
            Assert.Equal("in the transaction", SqlRead.Text(c, ValueOf, null, ("@k", "kept")));
            throw new InvalidOperationException("roll back");
        }));
        Assert.Null(SqlRead.Text(c, ValueOf, null, ("@k", "kept")));
        t.Db.Write(tx => SqlRead.Execute(c, Insert, tx, ("@k", "kept"), ("@v", "committed")));
        Assert.Equal("committed", SqlRead.Text(c, ValueOf, null, ("@k", "kept")));

        // Each run binds its own values, NULL included.
        const string update = "UPDATE meta SET value = coalesce(@v, 'was null') WHERE key = @k";
        SqlRead.Execute(c, Insert, null, ("@k", "x"), ("@v", "1"));
        Assert.Equal(1, SqlRead.Execute(c, update, null, ("@k", "x"), ("@v", "2")));
        Assert.Equal("2", SqlRead.Text(c, ValueOf, null, ("@k", "x")));
        Assert.Equal(1, SqlRead.Execute(c, update, null, ("@k", "x"), ("@v", null)));
        Assert.Equal("was null", SqlRead.Text(c, ValueOf, null, ("@k", "x")));
        Assert.Equal(0, SqlRead.Execute(c, update, null, ("@k", "nobody"), ("@v", "3")));
        Assert.Null(SqlRead.Row(c, ValueOf, r => r.GetString(0), null, ("@k", "nobody")));
    }

    [Fact]
    public void The_kept_commands_go_with_the_store()
    {
        var t = new TestDb();
        var c = t.Db.Connection;
        DbCommandOf(c, ValueOf, out var kept);
        t.Dispose();
        // Disposed with the connection: a later rent (of a closed connection) is a plain command, never the old one.
        DbCommandOf(c, ValueOf, out var after, run: false);
        Assert.NotSame(kept, after);
    }

    private static void DbCommandOf(System.Data.Common.DbConnection c, string sql, out System.Data.Common.DbCommand command, bool run = true)
    {
        using var lease = StatementCache.Rent(c, sql, null, [("@k", "none")]);
        command = lease.Command;
        if (run) lease.Command.ExecuteScalar();
    }
}
