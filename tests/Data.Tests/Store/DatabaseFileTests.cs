using Dapper;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store;

/// <summary>
/// The database file under long-lived connections (the board's and the worker's): changes committed by any other
/// process are seen, writes never go into a file that is no longer the database, and a database removed or replaced
/// under an open connection is noticed and refuses changes.
/// </summary>
[Trait(SqliteOnly.Category, SqliteOnly.Value)] // SQLite-only by nature: the sqlite3 shell writing the file, and the file replaced underneath
[Trait(Slow.Category, Slow.Value)]
public sealed class DatabaseFileTests : IDisposable
{
    private readonly TestDb _t = new();

    /// <summary>
    /// Issue 13: the board opens two connections; opening the second one read the file's header through a .NET file
    /// handle, and closing that handle dropped every POSIX lock the process held on the file (fcntl locks belong to
    /// the process). The next outside client to close then believed itself the last one and deleted the WAL under
    /// the open connections: they saw nothing more, and what they wrote went into the deleted WAL.
    /// </summary>
    [Fact]
    public void Two_connections_of_one_process_see_every_outside_commit_and_their_writes_reach_the_file()
    {
        using var board = _t.OpenAnother();
        using var watcher = board.OpenAnother(TestDb.Account); // the board's watcher: a second connection of this process
        _t.Db.Dispose();

        var v0 = watcher.DataVersion();
        Sqlite3Shell.Run(_t.FilePath, "INSERT INTO agencies(code, name, kind) VALUES ('OUT1', 'Outside one', 'district');");
        var v1 = watcher.DataVersion();
        Assert.NotEqual(v0, v1);

        Sqlite3Shell.Run(_t.FilePath, "INSERT INTO agencies(code, name, kind) VALUES ('OUT2', 'Outside two', 'district');");
        Assert.NotEqual(v1, watcher.DataVersion());
        Assert.Equal(2L, watcher.Connection.ExecuteScalar<long>("SELECT count(*) FROM agencies WHERE code LIKE 'OUT%'"));

        board.Write(tx => tx.Connection!.Execute("INSERT INTO agencies(code, name, kind) VALUES ('MINE', 'Written by the board', 'district')", transaction: tx));
        Assert.Equal("3", Sqlite3Shell.Run(_t.FilePath, "SELECT count(*) FROM agencies WHERE code IN ('OUT1', 'OUT2', 'MINE');"));
    }

    [Fact]
    public void A_removed_database_refuses_the_next_change_with_one_sentence_and_writes_nothing()
    {
        using var db = _t.OpenAnother();
        Assert.False(db.FileMoved());
        File.Delete(_t.FilePath);
        Assert.True(db.FileMoved());

        var e = Assert.Throws<DatabaseMovedException>(() =>
            db.Write(tx => tx.Connection!.Execute("INSERT INTO agencies(code, name, kind) VALUES ('LOST', 'Lost', 'district')", transaction: tx)));
        Assert.Equal(1, e.ExitCode);
        Assert.Equal($"The database file {_t.FilePath} was removed while this program had it open; nothing was changed. Restore it (or pass --db with the right file) and start again.", e.Message);
        Assert.Equal(0L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM agencies WHERE code = 'LOST'"));
    }

    [Fact]
    public void A_replaced_database_refuses_the_next_change_and_a_feed_load_too()
    {
        using var db = _t.OpenAnother();
        _t.Db.Dispose();
        var other = Path.Combine(_t.Folder, "other.db");
        SafetyDb.Open(other, TestDb.Account, create: true).Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(other, _t.FilePath, overwrite: true);

        var e = Assert.Throws<DatabaseMovedException>(() =>
            db.Write(tx => tx.Connection!.Execute("INSERT INTO agencies(code, name, kind) VALUES ('LOST', 'Lost', 'district')", transaction: tx)));
        Assert.Contains("was replaced by another file while this program had it open; nothing was changed", e.Message, StringComparison.Ordinal);

        db.Connection.Execute("""
            INSERT INTO agencies(code, name, kind) VALUES ('DIST', 'District', 'district');
            INSERT INTO locations(code, name, kind, zone, agency, lat, lon, bell_start, bell_end) VALUES ('LHS', 'Lincoln High', 'high', 'LHS', 'DIST', 47.2, -122.4, '07:30', '14:30');
            """);
        using var input = FeedInput.FromStream(new MemoryStream("external_id,received_at,location,type\nA1,2026-11-23T10:05:00-08:00,LHS,FIGHT\n"u8.ToArray()), "calls.csv", "calls", mayWait: false);
        Assert.Throws<DatabaseMovedException>(() => CallFeed.Load(db, input, new FeedOptions("tester", TimeProvider.System)));
        Assert.Equal(0L, db.Connection.ExecuteScalar<long>("SELECT count(*) FROM calls"));
    }

    public void Dispose() => _t.Dispose();
}
